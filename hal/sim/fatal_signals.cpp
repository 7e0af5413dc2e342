// Fatal signals as CPU exceptions: a wild pointer in the kernel becomes a kernel panic.
//
// On the CPU thread, SIGSEGV, SIGBUS, SIGFPE and SIGILL are what page faults, divide
// errors and invalid opcodes are on bare metal. The handler runs on an alternate signal
// stack (so a blown kernel stack can still be reported), builds a hal::Trap from the
// siginfo and the ucontext (registers, the page-fault error code the host kernel passes in
// REG_ERR, si_addr), disables interrupts and calls kernel_trap(), which never returns: it
// halts, or, in the kernel test runner, switches back to the runner. SA_NODEFER leaves the
// signal unblocked after such an exit, so the next test case may fault again.
//
// Under ASan this handler replaces ASan's own SIGSEGV report (ASan lets a program install
// its own, allow_user_segv_handler): the kernel's panic report is the one that matters. The
// signal stack is unpoisoned on each entry, since frames abandoned by an earlier trap may
// have left ASan's stack poisoning on it. A fatal signal on any other thread (a bug in the
// front end) is sent back to the default action: the process dies with a core dump.
#include "fatal_signals.hpp"
#include "general_registers.hpp"
#include "interrupt_controller.hpp"
#include "sanitizers.hpp"

#include <hal/boot.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sys/mman.h>
#include <ucontext.h>
#if KEEL_SIM_ASAN
#    include <sanitizer/asan_interface.h>
#endif

namespace {

constexpr size_t SIGNAL_STACK_BYTES = 256 * 1024;

struct FatalSignal {
    int number;
    const char* trap_name;
    bool has_fault_address;
};
constexpr FatalSignal FATAL_SIGNALS[] = {
    { SIGSEGV, "SIGSEGV (page fault)", true },
    { SIGBUS, "SIGBUS (bus error)", true },
    { SIGFPE, "SIGFPE (arithmetic error)", false },
    { SIGILL, "SIGILL (invalid opcode)", false },
};

// Where each sim::GeneralRegisters entry is in the ucontext.
constexpr int UCONTEXT_REGISTER[sim::GeneralRegisters::Count] = {
    REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP, REG_RSP,
    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    REG_RIP, REG_EFL,
};

void* signal_stack = nullptr;

const FatalSignal& describe(int number)
{
    for (const FatalSignal& fatal : FATAL_SIGNALS)
        if (fatal.number == number)
            return fatal;
    return FATAL_SIGNALS[0];
}

void on_fatal_signal(int number, siginfo_t* info, void* raw_context)
{
    if (!sim::on_cpu_thread()) {
        signal(number, SIG_DFL);
        return; // the faulting instruction runs again and kills the process
    }
#if KEEL_SIM_ASAN
    ASAN_UNPOISON_MEMORY_REGION(signal_stack, SIGNAL_STACK_BYTES);
#endif
    hal::irq_disable();
    const FatalSignal& fatal = describe(number);
    const greg_t* gregs = static_cast<ucontext_t*>(raw_context)->uc_mcontext.gregs;

    hal::Trap trap {};
    trap.name = fatal.trap_name;
    trap.vector = uint64_t(number);
    trap.has_error_code = number == SIGSEGV;
    trap.error_code = uint64_t(gregs[REG_ERR]);
    trap.has_fault_address = fatal.has_fault_address;
    trap.fault_address = reinterpret_cast<uint64_t>(info->si_addr);
    sim::GeneralRegisters registers;
    for (size_t index = 0; index < sim::GeneralRegisters::Count; ++index)
        registers.values[index] = uint64_t(gregs[UCONTEXT_REGISTER[index]]);
    registers.to_register_set(trap.registers);
    kernel_trap(trap);
}

} // namespace

namespace sim {

void install_fatal_signal_handlers()
{
    signal_stack = mmap(nullptr, SIGNAL_STACK_BYTES, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (signal_stack == MAP_FAILED) {
        perror("keel-sim: cannot map the signal stack");
        exit(1);
    }
    stack_t stack {};
    stack.ss_sp = signal_stack;
    stack.ss_size = SIGNAL_STACK_BYTES;
    sigaltstack(&stack, nullptr);

    struct sigaction action {};
    action.sa_sigaction = on_fatal_signal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    for (const FatalSignal& fatal : FATAL_SIGNALS)
        sigaction(fatal.number, &action, nullptr);
}

} // namespace sim
