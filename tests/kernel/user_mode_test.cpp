// In-kernel tests of running code in user mode (hal/user.hpp), the same on x86_64 (ring 3)
// and in the sim (a traced stub process): each case runs a few hand-assembled instructions
// in a UserProgram (user_program.hpp) and checks the exits run_user reports — system calls
// with their registers, page faults with the address and access, the other faults with
// Linux's signal and si_code — and that a program cannot raise its privileges through its
// flags. The programs' bytes are written out with their assembly beside them. What a
// program keeps between runs (registers across interrupts, FS/GS bases, SSE state) is in
// user_state_test.cpp; the copy routines in user_copy_test.cpp.
#include "user_program.hpp"

namespace {

using namespace ktest_support;

constexpr uint64_t ENOSYS_RESULT = static_cast<uint64_t>(-38);

// 0: mov $0x1234, %eax; 5: syscall; 7: mov %rax, %rdi; a: mov $60, %eax; f: syscall;
// 11: ud2
constexpr uint8_t TWO_SYSCALLS[] = { 0xb8, 0x34, 0x12, 0x00, 0x00, 0x0f, 0x05, 0x48, 0x89, 0xc7,
                                     0xb8, 0x3c, 0x00, 0x00, 0x00, 0x0f, 0x05, 0x0f, 0x0b };
// 0: div %rcx
constexpr uint8_t DIVIDE[] = { 0x48, 0xf7, 0xf1 };
// 0: int3; 1: syscall
constexpr uint8_t BREAKPOINT[] = { 0xcc, 0x0f, 0x05 };
// 0: jmp *%rdi
constexpr uint8_t JUMP[] = { 0xff, 0xe7 };
// 0: nop; 1: nop; 2: syscall
constexpr uint8_t TWO_NOPS[] = { 0x90, 0x90, 0x0f, 0x05 };
// 0: pushfq; 1: pop %rdi; 2: syscall; 4: cli
constexpr uint8_t FLAGS_THEN_CLI[] = { 0x9c, 0x5f, 0x0f, 0x05, 0xfa };

constexpr uint64_t RFLAGS_CARRY = 1u << 0;
constexpr uint64_t RFLAGS_TRAP = 1u << 8;
constexpr uint64_t RFLAGS_INTERRUPT_ENABLE = 1u << 9;
constexpr uint64_t RFLAGS_DIRECTION = 1u << 10;
constexpr uint64_t RFLAGS_IO_PRIVILEGE = 3u << 12;
constexpr uint64_t RFLAGS_NESTED_TASK = 1u << 14;

uint64_t g_kernel_variable = 42;

void kernel_function() {}

} // namespace

// The system call number, six arguments and the callee-saved registers reach core; rax is
// -ENOSYS until core sets it, and the program sees what core set.
KTEST(user_syscall_exit_carries_the_registers_both_ways)
{
    UserProgram program(TWO_SYSCALLS);
    if (!program.ready())
        return;
    hal::UserRegisters& registers = program.registers;
    registers.rdi = 0x1111;
    registers.rsi = 0x2222;
    registers.rdx = 0x3333;
    registers.r10 = 0x4444;
    registers.r8 = 0x5555;
    registers.r9 = 0x6666;
    registers.rbx = 0x7777;
    registers.rbp = 0x8888;
    registers.r12 = 0x9999;
    registers.r13 = 0xaaaa;
    registers.r14 = 0xbbbb;
    registers.r15 = 0xcccc;
    hal::UserExit exit = program.run();
    KTEST_EXPECT(exit.reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(registers.orig_rax == 0x1234);
    KTEST_EXPECT(registers.rax == ENOSYS_RESULT);
    KTEST_EXPECT(registers.rip == CODE_ADDRESS + 7); // past the syscall
    KTEST_EXPECT(registers.rdi == 0x1111 && registers.rsi == 0x2222 && registers.rdx == 0x3333);
    KTEST_EXPECT(registers.r10 == 0x4444 && registers.r8 == 0x5555 && registers.r9 == 0x6666);
    KTEST_EXPECT(registers.rbx == 0x7777 && registers.rbp == 0x8888 && registers.r12 == 0x9999);
    KTEST_EXPECT(registers.r13 == 0xaaaa && registers.r14 == 0xbbbb && registers.r15 == 0xcccc);
    KTEST_EXPECT(registers.rsp == DATA_ADDRESS + mm::PAGE_SIZE);
    KTEST_EXPECT((registers.cs & 3) == 3 && (registers.ss & 3) == 3);
    KTEST_EXPECT(registers.rflags & RFLAGS_INTERRUPT_ENABLE);

    registers.rax = 777; // the result
    exit = program.run();
    KTEST_EXPECT(exit.reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(registers.orig_rax == 60);
    KTEST_EXPECT(registers.rdi == 777); // mov %rax, %rdi saw it
    KTEST_EXPECT(registers.rip == CODE_ADDRESS + 0x11);

    exit = program.run();
    KTEST_EXPECT(is_fault(exit, SIGILL, ILL_ILLOPN));
    KTEST_EXPECT(exit.fault_address == CODE_ADDRESS + 0x11 && registers.rip == CODE_ADDRESS + 0x11);
}

// A write to an unmapped page faults with its address; once the page is there, the same
// instruction runs again and completes.
KTEST(user_write_to_an_unmapped_page_faults_and_retries)
{
    UserProgram program(STORE);
    if (!program.ready())
        return;
    program.registers.rdi = SPARE_ADDRESS + 8;
    program.registers.rsi = 0xfeed'f00d;
    hal::UserExit exit = program.run();
    KTEST_EXPECT(is_page_fault(exit, SPARE_ADDRESS + 8));
    KTEST_EXPECT(exit.access.write && !exit.access.execute && !exit.access.protection);
    KTEST_EXPECT(program.registers.rip == CODE_ADDRESS); // the faulting instruction
    KTEST_EXPECT(program.map_page(SPARE_ADDRESS, USER_DATA));
    exit = program.run();
    KTEST_EXPECT(exit.reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(read64(program.contents(SPARE_ADDRESS + 8)) == 0xfeed'f00d);
}

KTEST(user_read_of_an_unmapped_page_faults)
{
    UserProgram program(LOAD);
    if (!program.ready())
        return;
    program.registers.rdi = UNMAPPED_ADDRESS;
    hal::UserExit exit = program.run();
    KTEST_EXPECT(is_page_fault(exit, UNMAPPED_ADDRESS));
    KTEST_EXPECT(!exit.access.write && !exit.access.execute && !exit.access.protection);
}

KTEST(user_write_to_its_code_is_a_protection_fault)
{
    UserProgram program(STORE);
    if (!program.ready())
        return;
    program.registers.rdi = CODE_ADDRESS;
    hal::UserExit exit = program.run();
    KTEST_EXPECT(is_page_fault(exit, CODE_ADDRESS));
    KTEST_EXPECT(exit.access.write && exit.access.protection);
    KTEST_EXPECT(program.contents(CODE_ADDRESS)[0] == STORE[0]);
}

// Kernel memory is mapped in every address space, but not for user mode: reading or
// writing it faults (what core turns into SIGSEGV), and nothing changes.
KTEST(user_access_to_kernel_memory_faults)
{
    auto address = reinterpret_cast<uintptr_t>(&g_kernel_variable);
    for (const uint8_t* code : { STORE, LOAD }) {
        UserProgram program(code, sizeof(STORE)); // as long as LOAD
        if (!program.ready())
            return;
        program.registers.rdi = address;
        program.registers.rsi = 666;
        hal::UserExit exit = program.run();
        bool page_fault = is_page_fault(exit, address) && exit.access.write == (code == STORE);
        KTEST_EXPECT(page_fault || is_fault(exit, SIGSEGV, SI_KERNEL));
    }
    KTEST_EXPECT(g_kernel_variable == 42);
}

KTEST(user_jump_to_kernel_code_faults)
{
    UserProgram program(JUMP);
    if (!program.ready())
        return;
    auto target = reinterpret_cast<uintptr_t>(&kernel_function);
    program.registers.rdi = target;
    hal::UserExit exit = program.run();
    KTEST_EXPECT((is_page_fault(exit, target) && exit.access.execute) || is_fault(exit, SIGSEGV, SI_KERNEL));
}

// The data page is not executable (W^X for user pages too).
KTEST(user_jump_to_its_data_faults)
{
    UserProgram program(JUMP);
    if (!program.ready())
        return;
    program.registers.rdi = DATA_ADDRESS;
    hal::UserExit exit = program.run();
    KTEST_EXPECT(is_page_fault(exit, DATA_ADDRESS) && exit.access.execute && exit.access.protection);
}

// A non-canonical address is a general protection fault, whether the program jumps there,
// writes there, or is asked to start there (run_user refuses at once).
KTEST(user_non_canonical_addresses_are_sigsegv)
{
    UserProgram program(JUMP);
    if (!program.ready())
        return;
    program.registers.rdi = NON_CANONICAL_ADDRESS;
    KTEST_EXPECT(is_fault(program.run(), SIGSEGV, SI_KERNEL));
    for (uintptr_t start : { NON_CANONICAL_ADDRESS, hal::user_address_end(), uintptr_t(-4096) }) {
        hal::UserExit exit = program.run_from(start);
        KTEST_EXPECT(is_fault(exit, SIGSEGV, SI_KERNEL) && exit.fault_address == 0);
    }
    UserProgram store(STORE);
    if (!store.ready())
        return;
    store.registers.rdi = NON_CANONICAL_ADDRESS;
    KTEST_EXPECT(is_fault(store.run(), SIGSEGV, SI_KERNEL));
}

KTEST(user_divide_by_zero_is_sigfpe)
{
    UserProgram program(DIVIDE);
    if (!program.ready())
        return;
    program.registers.rax = 1;
    program.registers.rcx = 0;
    hal::UserExit exit = program.run();
    KTEST_EXPECT(is_fault(exit, SIGFPE, FPE_INTDIV) && exit.fault_address == CODE_ADDRESS);
}

// With TF set the program traps after each instruction (SIGTRAP, TRAP_TRACE); a system call
// under TF still comes back as a system call.
KTEST(user_single_step_traps_after_each_instruction)
{
    UserProgram program(TWO_NOPS);
    if (!program.ready())
        return;
    program.registers.rflags |= RFLAGS_TRAP;
    for (uintptr_t next : { CODE_ADDRESS + 1, CODE_ADDRESS + 2 }) {
        hal::UserExit exit = program.run();
        KTEST_EXPECT(is_fault(exit, SIGTRAP, TRAP_TRACE) && exit.fault_address == next);
        KTEST_EXPECT(program.registers.rip == next);
    }
    KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
    KTEST_EXPECT(program.registers.rip == CODE_ADDRESS + 4);
}

// int3 traps after the instruction; the program goes on from there.
KTEST(user_breakpoint_is_sigtrap)
{
    UserProgram program(BREAKPOINT);
    if (!program.ready())
        return;
    hal::UserExit exit = program.run();
    KTEST_EXPECT(is_fault(exit, SIGTRAP, SI_KERNEL));
    KTEST_EXPECT(program.registers.rip == CODE_ADDRESS + 1);
    KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
}

// The flags a program may set survive; interrupts stay on and I/O privilege stays 0
// whatever the registers ask, so `cli` is a general protection fault.
KTEST(user_rflags_cannot_grant_privileges)
{
    UserProgram program(FLAGS_THEN_CLI);
    if (!program.ready())
        return;
    program.registers.rflags = RFLAGS_CARRY | RFLAGS_DIRECTION | RFLAGS_IO_PRIVILEGE | RFLAGS_NESTED_TASK;
    KTEST_EXPECT(program.run().reason == hal::UserExitReason::Syscall);
    uint64_t flags = program.registers.rdi; // as pushfq saw them
    KTEST_EXPECT((flags & (RFLAGS_CARRY | RFLAGS_DIRECTION)) == (RFLAGS_CARRY | RFLAGS_DIRECTION));
    KTEST_EXPECT(flags & RFLAGS_INTERRUPT_ENABLE);
    KTEST_EXPECT((flags & (RFLAGS_IO_PRIVILEGE | RFLAGS_NESTED_TASK)) == 0);
    hal::UserExit exit = program.run();
    KTEST_EXPECT(is_fault(exit, SIGSEGV, SI_KERNEL) && program.registers.rip == CODE_ADDRESS + 4);
}
