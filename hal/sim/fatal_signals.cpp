// Fatal signals as CPU exceptions: a wild pointer in the kernel becomes a kernel panic.
//
// On the CPU thread, SIGSEGV, SIGBUS, SIGFPE and SIGILL are what page faults, divide
// errors and invalid opcodes are on bare metal. The trap is named after that exception,
// spelled as in hal/x86_64/traps.cpp, with the signal after it ("Page Fault (SIGSEGV)",
// "Divide Error (SIGFPE)" for an integer division), so a test can expect the same name on
// both targets; SIGBUS and other SIGFPEs become "Bus Error" and "Arithmetic Error". The
// handler builds a hal::Trap from the siginfo and the ucontext (registers, the page-fault
// error code the host kernel passes in REG_ERR, si_addr) and then does what a CPU does on
// an exception: it pushes the faulting instruction's address on the interrupted stack as a
// return address and makes the interrupted code continue in deliver_pending_trap(), which
// calls kernel_trap() there (interrupted_call.hpp; IRQs arrive the same way). The signal
// handler itself returns normally, so the host, ASan and TSan all see an ordinary signal
// delivery, the report does not run in a signal handler (TSan would object to what it
// calls), and kernel_trap() may leave for good (halt, or end the kernel test's thread)
// without unwinding a signal frame.
//
// When the interrupted stack cannot take a report (it overflowed, say into the guard page
// below a kernel stack; it is not a stack hal/sim knows; or it is the signal stack itself),
// the "call" is made on the lower half of the alternate signal stack instead, as x86_64
// takes a double fault on a stack of its own. The upper half holds the signal frames and
// the handler, which the host puts at the top. SA_NODEFER lets a fault in the handler
// itself (in kernel_page_fault(), below) be reported too. The handler blocks the
// interrupt controller's preemption signal, so no IRQ is ever delivered on the signal stack.
//
// A SIGSEGV that the host raised for a page fault (trap number 14) has the x86 error code
// in REG_ERR; it becomes the trap's hal::PageFaultAccess. The host always sets the code's
// U/S bit, as the whole sim runs in the host's user mode, but all of that is Keel's kernel,
// so `user` is false. A page fault in the kernel window (kernel_window.cpp) is first
// offered to kernel_page_fault(), on the signal stack with interrupts disabled. If core
// resolved it (it mapped a demand-zero page, which the window now mirrors), the handler
// puts the interrupt flag back and returns, and the faulting instruction runs again, as
// after an iret.
//
// Under ASan this handler replaces ASan's own SIGSEGV report (ASan lets a program install
// its own, allow_user_segv_handler): the kernel's panic report is the one that matters.
// Stack memory the report will run on is unpoisoned first, since frames abandoned by an
// earlier trap may have left ASan's stack poisoning there. A fatal signal on any other
// thread (a bug in the front end) is sent back to the default action: the process dies
// with a core dump.
#include "fatal_signals.hpp"
#include "interrupt_controller.hpp"
#include "interrupted_call.hpp"
#include "kernel_window.hpp"
#include "stack_registry.hpp"
#include "x86_64_abi/general_registers.hpp"
#include "x86_64_abi/page_fault_error.hpp"
#include <sim_sanitizers.hpp>

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
    { SIGSEGV, "Page Fault (SIGSEGV)", true },
    { SIGBUS, "Bus Error (SIGBUS)", true },
    { SIGFPE, "Arithmetic Error (SIGFPE)", false },
    { SIGILL, "Invalid Opcode (SIGILL)", false },
};
// SIGFPE with si_code FPE_INTDIV is what the CPU's divide error (#DE) becomes.
constexpr const char* DIVIDE_ERROR_TRAP_NAME = "Divide Error (SIGFPE)";

// The host's trap number (REG_TRAPNO) for a page fault, and its error code's bits.
constexpr greg_t PAGE_FAULT_VECTOR = 14;

// Where each hal::x86::GeneralRegisters entry is in the ucontext.
constexpr int UCONTEXT_REGISTER[hal::x86::GeneralRegisters::Count] = {
    REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI,
    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    REG_RBP, REG_RSP, REG_RIP, REG_EFL,
};

void* signal_stack = nullptr;

// Stack the panic report needs below the faulting frame (sanitized builds use a lot).
constexpr uintptr_t REPORT_STACK_BYTES = 48 * 1024;
static_assert(SIGNAL_STACK_BYTES / 2 >= REPORT_STACK_BYTES);

hal::Trap pending_trap; // the trap being delivered (CPU thread only)

[[noreturn]] void deliver_pending_trap()
{
    kernel_trap(pending_trap);
}

// Where deliver_pending_trap() will "have been called": below the interrupted code's red
// zone when its stack has room for a report, else at the top of the signal stack's lower
// half. (On the signal stack itself, after a fault while resolving another, the space below
// RSP holds this very handler's signal frame.)
uintptr_t trap_delivery_slot(uintptr_t stack_pointer)
{
    auto signal_stack_low = reinterpret_cast<uintptr_t>(signal_stack);
    sim::StackRange stack;
    if (sim::find_stack(stack_pointer, stack) && stack.low != signal_stack_low) {
        uintptr_t slot = sim::return_address_slot_below(stack_pointer - KEEL_RED_ZONE_BYTES);
        if (slot >= stack.low + REPORT_STACK_BYTES)
            return slot;
    }
    return sim::return_address_slot_below(signal_stack_low + SIGNAL_STACK_BYTES / 2);
}

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
    hal::IrqState interrupted = hal::irq_save();
    greg_t* gregs = static_cast<ucontext_t*>(raw_context)->uc_mcontext.gregs;
    auto fault_address = reinterpret_cast<uintptr_t>(info->si_addr);
    bool page_fault = number == SIGSEGV && gregs[REG_TRAPNO] == PAGE_FAULT_VECTOR;
    hal::PageFaultAccess access = hal::x86::decode_page_fault(uint64_t(gregs[REG_ERR]), false);
    if (page_fault && sim::in_kernel_window(fault_address) && kernel_page_fault(fault_address, access)) {
        sim::resume_after_fault(interrupted);
        return; // the faulting instruction runs again and finds its page
    }

    const FatalSignal& fatal = describe(number);
    hal::Trap& trap = pending_trap;
    trap = {};
    trap.name = number == SIGFPE && info->si_code == FPE_INTDIV ? DIVIDE_ERROR_TRAP_NAME : fatal.trap_name;
    trap.vector = uint64_t(number);
    trap.has_error_code = number == SIGSEGV;
    trap.error_code = uint64_t(gregs[REG_ERR]);
    trap.has_fault_address = fatal.has_fault_address;
    trap.fault_address = fault_address;
    trap.is_page_fault = page_fault;
    trap.access = access;
    hal::x86::GeneralRegisters registers;
    for (size_t index = 0; index < hal::x86::GeneralRegisters::Count; ++index)
        registers.values[index] = uint64_t(gregs[UCONTEXT_REGISTER[index]]);
    registers.to_register_set(trap.registers);
    sim::make_interrupted_code_call(gregs, trap_delivery_slot(uintptr_t(gregs[REG_RSP])), REPORT_STACK_BYTES,
                                    deliver_pending_trap);
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
    sigaddset(&action.sa_mask, sim::PREEMPTION_SIGNAL);
    for (const FatalSignal& fatal : FATAL_SIGNALS)
        sigaction(fatal.number, &action, nullptr);
}

} // namespace sim
