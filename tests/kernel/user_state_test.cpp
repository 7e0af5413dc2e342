// In-kernel tests of what a user program keeps between runs of hal::run_user, the same on
// x86_64 and in the sim: its registers when an interrupt takes the CPU away (also from one
// thread to another in the same address space), its FS and GS bases, its SSE/x87 state
// (and the floating-point exceptions it unmasks there), and what it loses when core unmaps
// or write-protects a page. Also that programs leak nothing and what AT_PLATFORM and
// friends report. Programs as in user_mode_test.cpp: hand-assembled, in a UserProgram.
#include "footprint.hpp"
#include "user_program.hpp"

#include <hal/timer.hpp>
#include <kstd/string_view.hpp>
#include <sched/thread.hpp>
#include <sync/interrupt_guard.hpp>

namespace {

using namespace ktest_support;

// 0: jmp 0 (spins); 2: mov %rcx, %rdi; 5: mov %r11, %rsi; 8: syscall
constexpr uint8_t SPIN[] = { 0xeb, 0xfe, 0x48, 0x89, 0xcf, 0x4c, 0x89, 0xde, 0x0f, 0x05 };
// 0: mov %fs:0, %rdi; 9: mov %gs:8, %rsi; 12: syscall
constexpr uint8_t SEGMENT_BASES[] = { 0x64, 0x48, 0x8b, 0x3c, 0x25, 0x00, 0x00, 0x00, 0x00, 0x65, 0x48,
                                      0x8b, 0x34, 0x25, 0x08, 0x00, 0x00, 0x00, 0x0f, 0x05 };
// 0: mov %ss, %eax; 2: mov %eax, %fs; 4: syscall; 6: mov %fs:0, %rdi; f: syscall
constexpr uint8_t RELOAD_FS[] = { 0x8c, 0xd0, 0x8e, 0xe0, 0x0f, 0x05, 0x64, 0x48,
                                  0x8b, 0x3c, 0x25, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x05 };
// 0: movdqu (%rdi), %xmm0; 4: syscall; 6: movdqu %xmm0, (%rsi); a: syscall
constexpr uint8_t XMM0_IN_AND_OUT[] = { 0xf3, 0x0f, 0x6f, 0x07, 0x0f, 0x05, 0xf3, 0x0f, 0x7f, 0x06, 0x0f, 0x05 };
// 0: divss %xmm1, %xmm0; 4: syscall
constexpr uint8_t SSE_DIVIDE[] = { 0xf3, 0x0f, 0x5e, 0xc1, 0x0f, 0x05 };
// 0: fldz; 2: fld1; 4: fdiv %st(1), %st (st0 = 1 / 0); 6: fwait; 7: syscall
constexpr uint8_t X87_DIVIDE[] = { 0xd9, 0xee, 0xd9, 0xe8, 0xd8, 0xf1, 0x9b, 0x0f, 0x05 };
// 0: syscall
constexpr uint8_t JUST_A_SYSCALL[] = { 0x0f, 0x05 };

// In the FXSAVE area (Intel SDM vol. 1, 10.5.1).
constexpr size_t FCW_OFFSET = 0;
constexpr size_t MXCSR_OFFSET = 24;
constexpr size_t XMM0_OFFSET = 160;
constexpr size_t XMM1_OFFSET = 176;

void write16(uint8_t* bytes, uint16_t value)
{
    __builtin_memcpy(bytes, &value, sizeof(value));
}

void write32(uint8_t* bytes, uint32_t value)
{
    __builtin_memcpy(bytes, &value, sizeof(value));
}

} // namespace

// A program that never makes a system call still loses the CPU: the timer interrupts it.
// Afterwards it resumes with every register as core left it, rcx and r11 included (which
// a return by sysret would have taken for rip and rflags).
KTEST(user_spinning_program_is_interrupted_and_resumes_intact)
{
    UserProgram program(SPIN);
    if (!program.ready())
        return;
    for (int interrupts = 0; interrupts < 3; ++interrupts) {
        hal::UserExit exit = program.run_once(program.registers, program.fpu);
        KTEST_EXPECT(exit.reason == hal::UserExitReason::Interrupt);
        KTEST_EXPECT(program.registers.rip == CODE_ADDRESS);
    }
    program.registers.rip = CODE_ADDRESS + 2;
    program.registers.rcx = 0x1234'5678'9abc;
    program.registers.r11 = 0xfedc'ba98;
    hal::UserExit exit = program.run();
    KTEST_EXPECT(exit.reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(program.registers.rdi == 0x1234'5678'9abc && program.registers.rsi == 0xfedc'ba98);
}

namespace {

// Two threads spinning in user mode in one address space, as two threads of a process:
// each notes when the CPU changed hands between them (as sched_test's slices do).
struct TakingTurns {
    static constexpr size_t SWITCHES = 6;
    UserProgram* program;
    volatile size_t switches = 0;
    volatile int owner = -1;
    uint64_t give_up_ns = 0;
};

struct Spinner {
    TakingTurns* turns;
    int me;
    uint64_t interrupts = 0;
    uint64_t mixed_up = 0; // exits with another thread's registers or SSE state
};

void spin_in_user_mode(void* argument)
{
    auto& spinner = *static_cast<Spinner*>(argument);
    TakingTurns& turns = *spinner.turns;
    hal::UserRegisters registers {};
    registers.rip = CODE_ADDRESS;
    registers.rsp = DATA_ADDRESS + mm::PAGE_SIZE;
    registers.rflags = 0x202;
    registers.rbx = 0xb0 + spinner.me;
    hal::UserFpuState fpu;
    hal::user_fpu_reset(fpu);
    write64(fpu.fxsave_area + XMM0_OFFSET, 0x5e5e'0000 + spinner.me);
    while (turns.switches < TakingTurns::SWITCHES && hal::clock_ns() < turns.give_up_ns) {
        hal::UserExit exit = turns.program->run_once(registers, fpu);
        ++spinner.interrupts;
        if (exit.reason != hal::UserExitReason::Interrupt || registers.rip != CODE_ADDRESS
            || registers.rbx != 0xb0u + spinner.me || read64(fpu.fxsave_area + XMM0_OFFSET) != 0x5e5e'0000u + spinner.me)
            ++spinner.mixed_up;
        if (turns.owner != spinner.me) {
            ksync::InterruptGuard guard;
            turns.owner = spinner.me;
            turns.switches = turns.switches + 1;
        }
    }
}

} // namespace

// The timer takes the CPU from a thread in user mode and gives it to another one, which
// enters user mode from its own kernel stack; each comes back to its own registers and SSE
// state, again and again.
KTEST(user_threads_take_turns_with_their_own_state)
{
    UserProgram program(SPIN);
    if (!program.ready())
        return;
    TakingTurns turns { .program = &program, .give_up_ns = hal::clock_ns() + 10'000'000'000 };
    Spinner first { &turns, 0 };
    Spinner second { &turns, 1 };
    auto a = sched::spawn("user-spin-a", spin_in_user_mode, &first);
    auto b = sched::spawn("user-spin-b", spin_in_user_mode, &second);
    KTEST_EXPECT(!a.is_error() && !b.is_error());
    if (!a.is_error())
        sched::join(a.value());
    if (!b.is_error())
        sched::join(b.value());
    KTEST_EXPECT(turns.switches >= TakingTurns::SWITCHES); // the last one may add one more
    KTEST_EXPECT(first.interrupts > 0 && second.interrupts > 0);
    KTEST_EXPECT(first.mixed_up == 0 && second.mixed_up == 0);
}

// The FS and GS bases in the registers are what %fs:0 and %gs:8 read, and a change between
// two runs takes effect.
KTEST(user_fs_and_gs_bases_are_the_programs)
{
    UserProgram program(SEGMENT_BASES);
    if (!program.ready() || !program.map_page(SPARE_ADDRESS, USER_DATA))
        return;
    uint8_t* page = program.contents(SPARE_ADDRESS);
    write64(page + 0x000, 0x1111'2222'3333'4444);
    write64(page + 0x010, 0x5555'6666'7777'8888);
    write64(page + 0x108, 0x9999'aaaa'bbbb'cccc);
    write64(page + 0x208, 0xdddd'eeee'ffff'0000);
    program.registers.fs_base = SPARE_ADDRESS;
    program.registers.gs_base = SPARE_ADDRESS + 0x100;
    KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(program.registers.rdi == 0x1111'2222'3333'4444 && program.registers.rsi == 0x9999'aaaa'bbbb'cccc);
    KTEST_EXPECT(program.registers.fs_base == SPARE_ADDRESS && program.registers.gs_base == SPARE_ADDRESS + 0x100);
    KTEST_EXPECT(program.registers.fs == 0 && program.registers.gs == 0);

    program.registers.fs_base = SPARE_ADDRESS + 0x10;
    program.registers.gs_base = SPARE_ADDRESS + 0x200;
    KTEST_EXPECT(program.run_from(CODE_ADDRESS).reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(program.registers.rdi == 0x5555'6666'7777'8888 && program.registers.rsi == 0xdddd'eeee'ffff'0000);
}

// A program may load FS with a selector of its own, which gives it that segment's base
// instead; the base core sets afterwards is still the one the program gets.
KTEST(user_fs_base_survives_the_program_reloading_fs)
{
    UserProgram program(RELOAD_FS);
    if (!program.ready() || !program.map_page(SPARE_ADDRESS, USER_DATA))
        return;
    write64(program.contents(SPARE_ADDRESS + 0x40), 0x0123'4567'89ab'cdef);
    program.registers.fs_base = SPARE_ADDRESS + 0x40;
    KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
    program.registers.fs_base = SPARE_ADDRESS + 0x40; // as arch_prctl(ARCH_SET_FS) would
    KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(program.registers.rdi == 0x0123'4567'89ab'cdef);
}

// The SSE state travels with the UserFpuState: what the program loads shows in the FXSAVE
// area, and what core changes there is what the program has next, even when another state
// ran in between.
KTEST(user_sse_state_is_saved_and_restored)
{
    UserProgram program(XMM0_IN_AND_OUT);
    if (!program.ready())
        return;
    const uint8_t loaded[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    uint8_t changed[16];
    for (size_t index = 0; index < sizeof(changed); ++index)
        changed[index] = static_cast<uint8_t>(0xa0 + index);
    __builtin_memcpy(program.contents(DATA_ADDRESS + 0x100), loaded, sizeof(loaded));
    program.registers.rdi = DATA_ADDRESS + 0x100;
    program.registers.rsi = DATA_ADDRESS + 0x200;
    KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
    uint8_t* area = program.fpu.fxsave_area;
    KTEST_EXPECT(__builtin_memcmp(area + XMM0_OFFSET, loaded, sizeof(loaded)) == 0);
    uint16_t control;
    uint32_t mxcsr;
    __builtin_memcpy(&control, area + FCW_OFFSET, sizeof(control));
    __builtin_memcpy(&mxcsr, area + MXCSR_OFFSET, sizeof(mxcsr));
    KTEST_EXPECT(control == 0x37f && mxcsr == 0x1f80); // user_fpu_reset's state
    __builtin_memcpy(area + XMM0_OFFSET, changed, sizeof(changed));

    // Another thread's state in between: the same code from the start, zeroed registers.
    hal::UserRegisters other_registers = program.registers;
    other_registers.rip = CODE_ADDRESS;
    hal::UserFpuState other_fpu;
    hal::user_fpu_reset(other_fpu);
    KTEST_EXPECT(program.run(other_registers, other_fpu).reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(__builtin_memcmp(other_fpu.fxsave_area + XMM0_OFFSET, loaded, sizeof(loaded)) == 0);

    KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
    uint8_t stored[16] = {};
    KTEST_EXPECT(hal::copy_from_user(stored, DATA_ADDRESS + 0x200, sizeof(stored)));
    KTEST_EXPECT(__builtin_memcmp(stored, changed, sizeof(changed)) == 0);
}

// With a floating-point exception unmasked, dividing by zero raises it: SIGFPE with the
// code Linux derives from MXCSR (SSE) or the x87 status word, at the faulting instruction
// (for the x87, the next waiting one). (QEMU 7.2 under TCG, as ctest runs it, raises no
// SSE exceptions: there the x87 half is what checks the x86_64 path.)
KTEST(user_floating_point_exceptions_are_sigfpe)
{
    UserProgram sse(SSE_DIVIDE);
    if (!sse.ready())
        return;
    write32(sse.fpu.fxsave_area + MXCSR_OFFSET, 0x1f80 & ~0x200); // divide-by-zero unmasked
    write32(sse.fpu.fxsave_area + XMM0_OFFSET, 0x3f80'0000);       // 1.0f; xmm1 stays 0.0f
    write32(sse.fpu.fxsave_area + XMM1_OFFSET, 0);
    hal::UserExit exit = sse.run();
    // QEMU's TCG before 8.1 records the exception in MXCSR but never raises #XM.
    uint32_t mxcsr;
    __builtin_memcpy(&mxcsr, sse.fpu.fxsave_area + MXCSR_OFFSET, sizeof(mxcsr));
    bool raised = is_fault(exit, SIGFPE, FPE_FLTDIV) && exit.fault_address == CODE_ADDRESS;
    bool emulator_without_xm = exit.reason == hal::UserExitReason::Syscall && (mxcsr & 0x4) != 0;
    KTEST_EXPECT(raised || emulator_without_xm);
    // Masked (the default), the same division gives infinity and the program goes on.
    UserProgram masked(SSE_DIVIDE);
    if (!masked.ready())
        return;
    write32(masked.fpu.fxsave_area + XMM0_OFFSET, 0x3f80'0000);
    KTEST_EXPECT(masked.run().reason == hal::UserExitReason::Syscall);

    UserProgram x87(X87_DIVIDE);
    if (!x87.ready())
        return;
    write16(x87.fpu.fxsave_area + FCW_OFFSET, 0x37f & ~0x4); // zero divide unmasked
    exit = x87.run();
    KTEST_EXPECT(is_fault(exit, SIGFPE, FPE_FLTDIV) && exit.fault_address == CODE_ADDRESS + 6);
}

// After core unmaps a page (or takes write access away) and says so, the program faults on
// it, even though it used the page a moment ago.
KTEST(user_space_unmapped_forgets_old_translations)
{
    UserProgram reader(LOAD);
    if (!reader.ready() || !reader.map_page(SPARE_ADDRESS, USER_DATA))
        return;
    write64(reader.contents(SPARE_ADDRESS), 0xabcd);
    reader.registers.rdi = SPARE_ADDRESS;
    KTEST_EXPECT(reader.run().reason == hal::UserExitReason::Syscall && reader.registers.orig_rax == 0xabcd);
    reader.unmap_page(SPARE_ADDRESS);
    hal::UserExit exit = reader.run_from(CODE_ADDRESS);
    KTEST_EXPECT(is_page_fault(exit, SPARE_ADDRESS) && !exit.access.protection);

    UserProgram writer(STORE);
    if (!writer.ready() || !writer.map_page(SPARE_ADDRESS, USER_DATA))
        return;
    writer.registers.rdi = SPARE_ADDRESS;
    writer.registers.rsi = 1;
    KTEST_EXPECT(writer.run().reason == hal::UserExitReason::Syscall);
    writer.protect_page(SPARE_ADDRESS, USER_READ_ONLY);
    writer.registers.rsi = 2;
    exit = writer.run_from(CODE_ADDRESS);
    KTEST_EXPECT(is_page_fault(exit, SPARE_ADDRESS) && exit.access.write && exit.access.protection);
    KTEST_EXPECT(read64(writer.contents(SPARE_ADDRESS)) == 1);
}

// Building, running and tearing down a program gives back every frame and heap byte.
KTEST(user_programs_leave_no_trace)
{
    expect_no_trace([] {
        UserProgram program(JUST_A_SYSCALL);
        if (!program.ready())
            return;
        KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
        KTEST_EXPECT(program.map_page(SPARE_ADDRESS, USER_DATA));
    });
}

KTEST(user_platform_is_reported)
{
    kstd::StringView platform(hal::user_platform());
    KTEST_EXPECT(platform == "x86_64");
    KTEST_EXPECT(hal::user_address_end() > UNMAPPED_ADDRESS);
    KTEST_EXPECT(hal::user_address_end() <= 0x7fff'ffff'f000 && hal::user_address_end() % mm::PAGE_SIZE == 0);
    KTEST_EXPECT(hal::user_hardware_capabilities() & (1u << 25)); // SSE, which user mode relies on
}
