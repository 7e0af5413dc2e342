// User mode in the sim: the stub process a UserSpace runs in (hal/sim/user_*.cpp).
//
// Each test builds a user address space the way core does, with mm::PageTable over the
// sim's RAM, writes hand-assembled machine code into a user page through the direct map,
// and runs it with hal::run_user() on the test's own thread (the stub's tracer). The exits
// must be those of hal/user.hpp with Linux's signal numbers and codes, the stub must fill
// its memory from the tables on demand and forget what user_space_unmapped() says, IRQs
// must interrupt a spinning program, and a stub must leave no process behind. The copy
// routines walk the active tables. Nothing a program does reaches the simulator's memory.
#include "mm_test_frames.hpp"

#include <hal/irq.hpp>
#include <hal/memory.hpp>
#include <hal/user.hpp>
#include <mm/page_table.hpp>
#include <sim_machine.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

namespace {

using mm::Protection;

constexpr uintptr_t CODE = 0x40'0000;
constexpr uintptr_t DATA = 0x60'0000;
constexpr uintptr_t MISSING = 0x70'0000;
constexpr size_t PAGE = 4096;
constexpr Protection USER_CODE = Protection::Read | Protection::Execute | Protection::User;
constexpr Protection USER_READ = Protection::Read | Protection::User;
constexpr Protection USER_DATA = Protection::Read | Protection::Write | Protection::User;

// The programs (as assembled by GNU as).
// getpid(); rdi = its result; rsi = *(fs_base); rdx = xmm0's low half; xmm1 = r12; exit()
const std::vector<uint8_t> ROUND_TRIP = {
    0xb8, 0x27, 0x00, 0x00, 0x00,                         // mov $39, %eax
    0x0f, 0x05,                                           // syscall
    0x48, 0x89, 0xc7,                                     // mov %rax, %rdi
    0x64, 0x48, 0x8b, 0x34, 0x25, 0x00, 0x00, 0x00, 0x00, // mov %fs:0, %rsi
    0x66, 0x48, 0x0f, 0x7e, 0xc2,                         // movq %xmm0, %rdx
    0x66, 0x49, 0x0f, 0x6e, 0xcc,                         // movq %r12, %xmm1
    0xb8, 0x3c, 0x00, 0x00, 0x00,                         // mov $60, %eax
    0x0f, 0x05,                                           // syscall
};
constexpr uintptr_t ROUND_TRIP_FIRST_RETURN = CODE + 7;
const std::vector<uint8_t> STORE = { 0xc6, 0x03, 0x5a, 0xb8, 0x01, 0x00, 0x00, 0x00, 0x0f, 0x05 }; // *rbx = 0x5a; syscall 1
const std::vector<uint8_t> LOAD = { 0x4c, 0x8b, 0x2b, 0xb8, 0x02, 0x00, 0x00, 0x00, 0x0f, 0x05 };  // r13 = *rbx; syscall 2
const std::vector<uint8_t> JUMP_TO_RBX = { 0xff, 0xe3 };
const std::vector<uint8_t> SPIN = { 0xeb, 0xfe };
const std::vector<uint8_t> BREAKPOINT = { 0xcc };
const std::vector<uint8_t> UNDEFINED = { 0x0f, 0x0b };
const std::vector<uint8_t> DIVIDE_BY_ZERO = { 0x31, 0xc9, 0x48, 0xf7, 0xf1 };
const std::vector<uint8_t> HALT = { 0xf4 };
const std::vector<uint8_t> INT_80 = { 0xcd, 0x80 };
const std::vector<uint8_t> SYSCALL_LOOP = { 0xb8, 0x27, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7 };

// How many live children this process has (stubs not reaped would count).
size_t child_count()
{
    std::ifstream children("/proc/self/task/" + std::to_string(gettid()) + "/children");
    size_t count = 0;
    std::string pid;
    while (children >> pid)
        ++count;
    return count;
}

class SimUser : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(hal::user_space_create(m_space, m_table.root()));
        hal::user_fpu_reset(m_fpu);
        m_registers = {};
    }

    void TearDown() override
    {
        hal::user_space_destroy(m_space);
        m_table.destroy(*m_frames);
    }

    // Maps a fresh zeroed frame at `address`; returns its bytes through the direct map.
    uint8_t* map_page(uintptr_t address, Protection protection)
    {
        auto frame = m_frames->allocate_frames(0);
        EXPECT_FALSE(frame.is_error());
        uint64_t physical = frame.value();
        EXPECT_FALSE(m_table.map(address, physical, mm::PageSize::Small, protection).is_error());
        auto* bytes = static_cast<uint8_t*>(hal::phys_to_virt(physical));
        memset(bytes, 0, PAGE);
        return bytes;
    }

    void load_program(const std::vector<uint8_t>& code)
    {
        memcpy(map_page(CODE, USER_CODE), code.data(), code.size());
        m_registers.rip = CODE;
    }

    hal::UserExit run() { return hal::run_user(m_space, m_registers, m_fpu); }

    void unmap(uintptr_t address)
    {
        EXPECT_FALSE(m_table.unmap(address, mm::PageSize::Small).is_error());
        hal::user_space_unmapped(m_space, address, PAGE);
    }

    mm_test::SimRamBuddy m_frames;
    mm::PageTable m_table = mm::PageTable::create(*m_frames).release_value();
    hal::UserSpace m_space;
    hal::UserRegisters m_registers {};
    hal::UserFpuState m_fpu;
};

void expect_fault(const hal::UserExit& exit, int signal, int code, uintptr_t address)
{
    EXPECT_EQ(exit.reason, hal::UserExitReason::Fault);
    EXPECT_EQ(exit.signal, signal);
    EXPECT_EQ(exit.signal_code, code);
    EXPECT_EQ(exit.fault_address, address);
}

void expect_page_fault(const hal::UserExit& exit, uintptr_t address, bool write, bool execute, bool protection)
{
    EXPECT_EQ(exit.reason, hal::UserExitReason::PageFault);
    EXPECT_EQ(exit.fault_address, address);
    EXPECT_EQ(exit.access.write, write);
    EXPECT_EQ(exit.access.execute, execute);
    EXPECT_TRUE(exit.access.user);
    EXPECT_EQ(exit.access.protection, protection);
}

} // namespace

// --- the stub process ---

TEST_F(SimUser, AStubHoldsNothingButItsOwnPageAndGoesAwayWhenDestroyed)
{
    ASSERT_NE(m_space.stub, nullptr);
    ASSERT_GT(sim::user_stub_pid(m_space), 0);
    pid_t pid = sim::user_stub_pid(m_space);
    EXPECT_EQ(hal::user_address_end(), 0x7ffb'0000'0000u);
    std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
    std::vector<std::string> lines;
    for (std::string line; std::getline(maps, line);)
        lines.push_back(line);
    ASSERT_EQ(lines.size(), 3u) << (lines.empty() ? "" : lines[0]);
    EXPECT_EQ(lines[0].substr(0, 30), "7ffb00000000-7ffb00001000 r-xp"); // the stub
    EXPECT_EQ(lines[1].substr(0, 30), "7ffb00001000-7ffb00011000 rw-p"); // its signal stack
    EXPECT_NE(lines[2].find("[vsyscall]"), std::string::npos);
    std::ifstream descriptors_listing("/proc/" + std::to_string(pid) + "/fdinfo/3");
    EXPECT_TRUE(descriptors_listing.good()); // the RAM file

    size_t children = child_count();
    hal::user_space_destroy(m_space);
    EXPECT_EQ(m_space.stub, nullptr);
    EXPECT_EQ(child_count(), children - 1);
    EXPECT_EQ(kill(pid, 0), -1);
    EXPECT_EQ(errno, ESRCH);
    EXPECT_EQ(waitpid(pid, nullptr, __WALL | WNOHANG), -1);
    EXPECT_EQ(errno, ECHILD);
}

TEST(SimUserStubs, ManyStubsComeAndGoWithoutLeakingProcesses)
{
    mm_test::SimRamBuddy frames;
    auto table = mm::PageTable::create(*frames).release_value();
    size_t before = child_count();
    std::vector<hal::UserSpace> spaces(8);
    for (auto& space : spaces)
        ASSERT_TRUE(hal::user_space_create(space, table.root()));
    EXPECT_EQ(child_count(), before + spaces.size());
    for (auto& space : spaces)
        hal::user_space_destroy(space);
    EXPECT_EQ(child_count(), before);
    table.destroy(*frames);
}

// --- system calls ---

TEST_F(SimUser, ASystemCallComesBackWithTheProgramsRegistersAndFpuState)
{
    load_program(ROUND_TRIP);
    uint8_t* data = map_page(DATA, USER_DATA);
    uint64_t tls_word = 0x1122'3344'5566'7788;
    memcpy(data, &tls_word, sizeof tls_word);
    m_registers.fs_base = DATA;
    m_registers.r12 = 0xfeed'face'cafe'beef;
    m_registers.rbx = 0xb0b;
    m_registers.rbp = 0xbb;
    m_registers.r15 = 0x15;
    m_registers.rsp = 0x7f'f000;
    m_registers.rflags = 0x1 | 0x3000; // CF, and IOPL 3, which run_user drops
    m_registers.cs = 0x8;              // ignored
    uint64_t xmm0 = 0x0123'4567'89ab'cdef;
    memcpy(m_fpu.fxsave_area + 160, &xmm0, sizeof xmm0);

    hal::UserExit exit = run();
    ASSERT_EQ(exit.reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(m_registers.orig_rax, 39u);
    EXPECT_EQ(m_registers.rax, uint64_t(-ENOSYS));
    EXPECT_EQ(m_registers.rip, ROUND_TRIP_FIRST_RETURN);
    EXPECT_EQ(m_registers.rcx, ROUND_TRIP_FIRST_RETURN); // what `syscall` leaves there
    EXPECT_EQ(m_registers.r11 & 0x1, 0x1u);              // and the flags in r11
    EXPECT_EQ(m_registers.rflags & 0x3001, 0x1u);
    EXPECT_EQ(m_registers.rbx, 0xb0bu);
    EXPECT_EQ(m_registers.rbp, 0xbbu);
    EXPECT_EQ(m_registers.r15, 0x15u);
    EXPECT_EQ(m_registers.rsp, 0x7f'f000u);
    EXPECT_EQ(m_registers.fs_base, DATA);
    EXPECT_EQ(m_registers.cs, 0x33u);
    EXPECT_EQ(m_registers.ss, 0x2bu);

    m_registers.rax = 4242; // the "result"
    exit = run();
    ASSERT_EQ(exit.reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(m_registers.orig_rax, 60u);
    EXPECT_EQ(m_registers.rdi, 4242u);
    EXPECT_EQ(m_registers.rsi, tls_word);
    EXPECT_EQ(m_registers.rdx, xmm0);
    uint64_t xmm1;
    memcpy(&xmm1, m_fpu.fxsave_area + 176, sizeof xmm1);
    EXPECT_EQ(xmm1, 0xfeed'face'cafe'beefu);
    uint32_t mxcsr;
    memcpy(&mxcsr, m_fpu.fxsave_area + 24, sizeof mxcsr);
    EXPECT_EQ(mxcsr, 0x1f80u);
}

TEST_F(SimUser, ASystemCallRoundTripIsFast)
{
    load_program(SYSCALL_LOOP);
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall); // pages mapped
    constexpr int ROUNDS = 2000;
    auto start = std::chrono::steady_clock::now();
    for (int round = 0; round < ROUNDS; ++round) {
        hal::UserExit exit = run();
        if (exit.reason != hal::UserExitReason::Syscall)
            continue; // an interrupt of the host's: not part of the measure
        ASSERT_EQ(m_registers.orig_rax, 39u);
    }
    double microseconds = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    printf("trapped system call round trip: %.2f us\n", microseconds / ROUNDS);
}

TEST_F(SimUser, Int80IsAGeneralProtectionFault)
{
    load_program(INT_80);
    expect_fault(run(), SIGSEGV, SI_KERNEL, 0);
    EXPECT_EQ(m_registers.rip, CODE);
}

// --- memory ---

TEST_F(SimUser, PagesComeFromTheTablesOnDemandAndShareTheirFrames)
{
    load_program(LOAD);
    uint8_t* data = map_page(DATA + 5 * PAGE, USER_READ);
    uint64_t value = 0xabcd'ef01'2345'6789;
    memcpy(data + 8, &value, sizeof value);
    m_registers.rbx = DATA + 5 * PAGE + 8;
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(m_registers.r13, value);
    EXPECT_EQ(m_registers.orig_rax, 2u);
}

TEST_F(SimUser, AnUnmappedPageIsAPageFaultAndTheProgramRetriesOnceCoreMapsIt)
{
    load_program(LOAD);
    m_registers.rbx = MISSING + 0x123;
    expect_page_fault(run(), MISSING + 0x123, false, false, false);
    EXPECT_EQ(m_registers.rip, CODE); // the load is retried
    uint8_t* data = map_page(MISSING, USER_READ);
    data[0x123] = 0x77;
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(m_registers.r13 & 0xff, 0x77u);
}

TEST_F(SimUser, AWriteToAnUnmappedPageSaysItIsAWriteAndKeepsTheFpuState)
{
    load_program(STORE);
    m_registers.rbx = MISSING + 0x10;
    uint64_t xmm3 = 0x3333'4444'5555'6666;
    memcpy(m_fpu.fxsave_area + 160 + 3 * 16, &xmm3, sizeof xmm3);
    uint64_t xmm0 = 0x0a0b'0c0d'0e0f'1011;
    memcpy(m_fpu.fxsave_area + 160, &xmm0, sizeof xmm0);
    expect_page_fault(run(), MISSING + 0x10, true, false, false);
    EXPECT_EQ(m_registers.rip, CODE);
    EXPECT_EQ(m_registers.rbx, MISSING + 0x10);
    uint64_t xmm3_after;
    memcpy(&xmm3_after, m_fpu.fxsave_area + 160 + 3 * 16, sizeof xmm3_after);
    EXPECT_EQ(xmm3_after, xmm3);
    uint32_t mxcsr;
    memcpy(&mxcsr, m_fpu.fxsave_area + 24, sizeof mxcsr);
    EXPECT_EQ(mxcsr, 0x1f80u);
    // The stub's FPU was reset for the fault handler: the next run must give it the state.
    memcpy(hal::phys_to_virt(m_table.translate(CODE).value().physical), ROUND_TRIP.data(), ROUND_TRIP.size());
    m_registers.rip = CODE + 0x13; // movq %xmm0, %rdx; ...; exit
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(m_registers.rdx, xmm0);
    memcpy(&xmm3_after, m_fpu.fxsave_area + 160 + 3 * 16, sizeof xmm3_after);
    EXPECT_EQ(xmm3_after, xmm3);
    memcpy(hal::phys_to_virt(m_table.translate(CODE).value().physical), STORE.data(), STORE.size());
    m_registers.rip = CODE;
    uint8_t* data = map_page(MISSING, USER_DATA);
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(data[0x10], 0x5a);
}

TEST_F(SimUser, AnInstructionWritingItsOwnAddressIsAWriteNotAFetch)
{
    load_program(STORE);
    m_registers.rbx = CODE;
    expect_page_fault(run(), CODE, true, false, true);
}

TEST_F(SimUser, AKernelOnlyPageIsNotReachable)
{
    load_program(LOAD);
    map_page(DATA, Protection::Read | Protection::Write);
    m_registers.rbx = DATA;
    expect_page_fault(run(), DATA, false, false, false);
}

TEST_F(SimUser, AWriteToAReadOnlyPageIsAProtectionFault)
{
    load_program(STORE);
    uint8_t* data = map_page(DATA, USER_READ);
    m_registers.rbx = DATA + 9;
    hal::UserExit exit = run();
    // The stub first maps the page (read-only) from the tables, then the write faults.
    expect_page_fault(exit, DATA + 9, true, false, true);
    EXPECT_EQ(data[9], 0);
    // Core makes it writable (as after copy on write) without telling the HAL: granting
    // more needs no flush.
    ASSERT_FALSE(m_table.protect(DATA, USER_DATA).is_error());
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(data[9], 0x5a);
}

TEST_F(SimUser, AJumpToAMissingPageOrADataPageIsAnInstructionFetchFault)
{
    load_program(JUMP_TO_RBX);
    m_registers.rbx = MISSING + 0x40;
    expect_page_fault(run(), MISSING + 0x40, false, true, false);
    EXPECT_EQ(m_registers.rip, MISSING + 0x40);

    map_page(DATA, USER_DATA); // not executable
    m_registers.rip = CODE;
    m_registers.rbx = DATA;
    expect_page_fault(run(), DATA, false, true, true);
}

TEST_F(SimUser, UnmappedPagesFaultAgain)
{
    load_program(LOAD);
    uint8_t* data = map_page(DATA, USER_READ);
    data[0] = 0x31;
    m_registers.rbx = DATA;
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(m_registers.r13 & 0xff, 0x31u);

    unmap(DATA);
    m_registers.rip = CODE;
    expect_page_fault(run(), DATA, false, false, false);
    // Mapped again to another frame: the stub sees the new one.
    map_page(DATA, USER_READ)[0] = 0x32;
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(m_registers.r13 & 0xff, 0x32u);
}

TEST_F(SimUser, AReducedProtectionIsForgottenOnceCoreSaysSo)
{
    load_program(STORE);
    uint8_t* data = map_page(DATA, USER_DATA);
    m_registers.rbx = DATA;
    ASSERT_EQ(run().reason, hal::UserExitReason::Syscall);
    EXPECT_EQ(data[0], 0x5a);
    data[0] = 0;
    ASSERT_FALSE(m_table.protect(DATA, USER_READ).is_error());
    hal::user_space_unmapped(m_space, DATA, PAGE);
    m_registers.rip = CODE;
    expect_page_fault(run(), DATA, true, false, true);
    EXPECT_EQ(data[0], 0);
}

int simulator_sentinel = 1234;

TEST_F(SimUser, AProgramCannotReachTheSimulatorsMemoryNorTheStubsPage)
{
    load_program(STORE);
    auto sentinel = reinterpret_cast<uintptr_t>(&simulator_sentinel);
    m_registers.rbx = sentinel;
    expect_page_fault(run(), sentinel, true, false, false);
    EXPECT_EQ(simulator_sentinel, 1234);

    // The direct map (the RAM's host mapping) is no user memory either.
    auto ram = reinterpret_cast<uintptr_t>(hal::phys_to_virt(hal::usable_memory_range(0).base));
    m_registers.rip = CODE;
    m_registers.rbx = ram;
    EXPECT_EQ(run().reason, hal::UserExitReason::PageFault);

    // Above user space: the stub's own page is read-only, and no user page.
    m_registers.rip = CODE;
    m_registers.rbx = hal::user_address_end();
    expect_page_fault(run(), hal::user_address_end(), true, false, true);
}

// --- other exits ---

TEST_F(SimUser, FaultsComeBackWithLinuxsSignals)
{
    load_program(BREAKPOINT);
    expect_fault(run(), SIGTRAP, SI_KERNEL, 0);
    EXPECT_EQ(m_registers.rip, CODE + 1);

    memcpy(hal::phys_to_virt(m_table.translate(CODE).value().physical), UNDEFINED.data(), UNDEFINED.size());
    m_registers.rip = CODE;
    expect_fault(run(), SIGILL, ILL_ILLOPN, CODE);

    memcpy(hal::phys_to_virt(m_table.translate(CODE).value().physical), DIVIDE_BY_ZERO.data(), DIVIDE_BY_ZERO.size());
    m_registers.rip = CODE;
    expect_fault(run(), SIGFPE, FPE_INTDIV, CODE + 2);

    memcpy(hal::phys_to_virt(m_table.translate(CODE).value().physical), HALT.data(), HALT.size());
    m_registers.rip = CODE;
    expect_fault(run(), SIGSEGV, SI_KERNEL, 0);
}

TEST_F(SimUser, ARipOutsideUserSpaceIsNotEntered)
{
    load_program(SPIN);
    m_registers.rip = 0x8000'0000'0000; // not canonical
    expect_fault(run(), SIGSEGV, SI_KERNEL, 0);
    m_registers.rip = hal::user_address_end();
    expect_fault(run(), SIGSEGV, SI_KERNEL, 0);
    m_registers.rip = 0xffff'8000'0000'0000;
    expect_fault(run(), SIGSEGV, SI_KERNEL, 0);
}

TEST_F(SimUser, AStubKilledByTheHostEndsInSigkill)
{
    load_program(SPIN);
    kill(sim::user_stub_pid(m_space), SIGKILL);
    expect_fault(run(), SIGKILL, SI_KERNEL, 0);
    expect_fault(run(), SIGKILL, SI_KERNEL, 0);
    hal::user_space_unmapped(m_space, DATA, PAGE); // nothing to do, and no hang
}

// --- interrupts ---

constexpr unsigned TEST_LINE = 7;
std::atomic<int> test_line_handled { 0 };

hal::IrqResult count_test_line(void*)
{
    test_line_handled.fetch_add(1);
    return hal::IrqResult::Handled;
}

TEST_F(SimUser, AnIrqInterruptsASpinningProgramAndItsHandlerHasRunOnReturn)
{
    load_program(SPIN);
    ASSERT_TRUE(hal::set_irq_handler(TEST_LINE, count_test_line, nullptr));
    hal::irq_enable();
    test_line_handled.store(0);
    std::thread device([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        sim::raise_irq(TEST_LINE);
    });
    hal::UserExit exit = run();
    device.join();
    EXPECT_EQ(exit.reason, hal::UserExitReason::Interrupt);
    EXPECT_EQ(test_line_handled.load(), 1);
    EXPECT_EQ(m_registers.rip, CODE); // still spinning where it was
    EXPECT_TRUE(hal::irqs_enabled());

    // Pending before the program starts: it does not start.
    hal::irq_disable();
    sim::raise_irq(TEST_LINE);
    hal::irq_enable(); // delivered here: nothing pending any more
    EXPECT_EQ(test_line_handled.load(), 2);
    hal::irq_mask(TEST_LINE);
    hal::irq_disable();
}

TEST_F(SimUser, AnIrqPendingWhenTheProgramWouldStartIsTakenFirst)
{
    load_program(SPIN);
    ASSERT_TRUE(hal::set_irq_handler(TEST_LINE, count_test_line, nullptr));
    test_line_handled.store(0);
    hal::irq_disable();
    sim::raise_irq(TEST_LINE); // pending, not delivered: interrupts are off
    hal::UserExit exit = hal::run_user(m_space, m_registers, m_fpu);
    // run_user keeps them as it found them (off): the line is still pending, and the
    // program was not resumed.
    EXPECT_EQ(exit.reason, hal::UserExitReason::Interrupt);
    EXPECT_EQ(test_line_handled.load(), 0);
    hal::irq_enable();
    EXPECT_EQ(test_line_handled.load(), 1);
    hal::irq_mask(TEST_LINE);
    hal::irq_disable();
}

// --- copies ---

class SimUserCopy : public SimUser {
protected:
    void SetUp() override
    {
        SimUser::SetUp();
        m_first = map_page(DATA, USER_DATA);
        m_second = map_page(DATA + PAGE, USER_READ);
        map_page(DATA + 2 * PAGE, Protection::Read | Protection::Write); // kernel only
        hal::mmu_activate(m_table.root());
    }

    uint8_t* m_first;
    uint8_t* m_second;
};

TEST_F(SimUserCopy, CopiesCrossPagesAndStopAtTheFirstUnreachableByte)
{
    memcpy(m_first + PAGE - 3, "abc", 3);
    memcpy(m_second, "defg", 4);
    char buffer[16] = {};
    EXPECT_TRUE(hal::copy_from_user(buffer, DATA + PAGE - 3, 7));
    EXPECT_STREQ(buffer, "abcdefg");
    EXPECT_TRUE(hal::copy_from_user(buffer, DATA, 0));
    EXPECT_FALSE(hal::copy_from_user(buffer, DATA + 2 * PAGE - 1, 2)); // into a kernel page
    EXPECT_FALSE(hal::copy_from_user(buffer, MISSING, 1));
    EXPECT_FALSE(hal::copy_from_user(buffer, hal::user_address_end(), 1));
    EXPECT_FALSE(hal::copy_from_user(buffer, 0xffff'8000'0000'0000, 1));
    EXPECT_FALSE(hal::copy_from_user(buffer, reinterpret_cast<uintptr_t>(buffer), 1));

    EXPECT_TRUE(hal::copy_to_user(DATA + 10, "xyz", 3));
    EXPECT_EQ(memcmp(m_first + 10, "xyz", 3), 0);
    EXPECT_FALSE(hal::copy_to_user(DATA + PAGE - 2, "1234", 4)); // the second page is read-only
    EXPECT_EQ(memcmp(m_second, "defg", 4), 0);
    EXPECT_FALSE(hal::copy_to_user(~uintptr_t(0) - 1, "12", 2));
}

TEST_F(SimUserCopy, StringsEndAtTheirNulTheCapacityOrAFault)
{
    char buffer[32];
    memcpy(m_first + PAGE - 2, "hi", 2);
    memcpy(m_second, "there\0rest", 10);
    EXPECT_EQ(hal::copy_string_from_user(buffer, DATA + PAGE - 2, sizeof buffer), 7);
    EXPECT_STREQ(buffer, "hithere");
    EXPECT_EQ(hal::copy_string_from_user(buffer, DATA + PAGE - 2, 4), 4); // no NUL within 4
    EXPECT_EQ(memcmp(buffer, "hith", 4), 0);
    EXPECT_EQ(hal::copy_string_from_user(buffer, DATA + PAGE + 5, 1), 0);
    EXPECT_EQ(buffer[0], '\0');
    memset(m_second, 'x', PAGE); // runs into the kernel page
    EXPECT_EQ(hal::copy_string_from_user(buffer, DATA + 2 * PAGE - 4, sizeof buffer), -1);
    EXPECT_EQ(hal::copy_string_from_user(buffer, MISSING, sizeof buffer), -1);
}
