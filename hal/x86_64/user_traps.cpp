// Interrupts and exceptions that arrive while a program runs in ring 3.
//
// The CPU switches to the TSS's RSP0, the resume point run_user recorded on the thread's
// kernel stack, and pushes its frame there; interrupt_entry.S saves the rest and
// keel_interrupt_dispatch (idt.cpp) hands every frame from ring 3 here (but an NMI, a
// double fault or a machine check, which are reported as before). The program's registers
// go into the UserRegisters run_user was given (orig_rax = -1, as Linux's pt_regs hold for
// anything but a system call), the exit is recorded, and keel_user_resume returns from
// run_user's keel_user_enter:
//   - an IRQ: its handler runs and the PIC is acknowledged here; a thread switch the
//     handler asks for is left to run_user (kernel_reschedule, on the thread's stack);
//   - a page fault: PageFault with CR2 and the decoded error code;
//   - any other exception: Fault with the signal and si_code Linux's arch/x86/kernel/
//     traps.c gives it, and si_addr (the faulting RIP for #DE, #UD, #DB, #MF, #XM; 0 else).
//     int3 and into reach here from ring 3 because their gates have DPL 3 (idt.cpp); any
//     other `int n` from ring 3 is a #GP, as on Linux.
#include "cpu_registers.hpp"
#include "user_frame.h"
#include "user_mode.hpp"
#include "x86_64_abi/page_fault_error.hpp"
#include <hal/irq.hpp>

namespace hal::x86 {
namespace {

// Signals and si_codes (Linux's uapi/asm-generic/signal.h and siginfo.h).
constexpr int SIGILL = 4;
constexpr int SIGTRAP = 5;
constexpr int SIGBUS = 7;
constexpr int SIGFPE = 8;
constexpr int SIGSEGV = 11;
constexpr int SI_KERNEL = 0x80;
constexpr int ILL_ILLOPN = 2;
constexpr int FPE_INTDIV = 1;
constexpr int BUS_ADRALN = 1;
constexpr int TRAP_BRKPT = 1;
constexpr int TRAP_TRACE = 2;
constexpr int TRAP_HWBKPT = 4;

enum Vector : uint64_t {
    DIVIDE_ERROR = 0,
    DEBUG = 1,
    BREAKPOINT = 3,
    OVERFLOW = 4,
    BOUND_RANGE = 5,
    INVALID_OPCODE = 6,
    COPROCESSOR_SEGMENT_OVERRUN = 9,
    INVALID_TSS = 10,
    SEGMENT_NOT_PRESENT = 11,
    STACK_SEGMENT = 12,
    GENERAL_PROTECTION = 13,
    PAGE_FAULT = 14,
    X87_FLOATING_POINT = 16,
    ALIGNMENT_CHECK = 17,
    SIMD_FLOATING_POINT = 19,
};

constexpr uint64_t DR6_BREAKPOINTS = 0xF;   // B0-B3: a hardware breakpoint matched
constexpr uint64_t DR6_SINGLE_STEP = 1u << 14;
constexpr uint64_t DR6_CLEAR = 0xFFFF'0FF0; // its value with no condition recorded

UserExit g_exit;
bool g_reschedule;

UserExit fault(int signal, int code, uintptr_t address)
{
    return UserExit { .reason = UserExitReason::Fault, .fault_address = address, .access = {}, .signal = signal,
                      .signal_code = code };
}

UserExit interrupt()
{
    return UserExit { .reason = UserExitReason::Interrupt, .fault_address = 0, .access = {}, .signal = 0,
                      .signal_code = 0 };
}

int debug_code()
{
    uint64_t dr6;
    asm volatile("movq %%dr6, %0" : "=r"(dr6));
    asm volatile("movq %0, %%dr6" : : "r"(DR6_CLEAR));
    if (dr6 & DR6_SINGLE_STEP)
        return TRAP_TRACE;
    if (dr6 & DR6_BREAKPOINTS)
        return TRAP_HWBKPT;
    return TRAP_BRKPT;
}

UserExit floating_point_exit(bool simd, uintptr_t rip)
{
    int code = fpu_exception_code(simd);
    // No unmasked exception pending: spurious, Linux just lets the program go on.
    return code != 0 ? fault(SIGFPE, code, rip) : interrupt();
}

UserExit exception_exit(const InterruptFrame& frame)
{
    switch (frame.vector) {
    case DIVIDE_ERROR:
        return fault(SIGFPE, FPE_INTDIV, frame.rip);
    case DEBUG:
        return fault(SIGTRAP, debug_code(), frame.rip);
    case BREAKPOINT:
        return fault(SIGTRAP, SI_KERNEL, 0);
    case INVALID_OPCODE:
        return fault(SIGILL, ILL_ILLOPN, frame.rip);
    case COPROCESSOR_SEGMENT_OVERRUN:
        return fault(SIGFPE, SI_KERNEL, 0);
    case SEGMENT_NOT_PRESENT:
    case STACK_SEGMENT:
        return fault(SIGBUS, SI_KERNEL, 0);
    case PAGE_FAULT:
        return UserExit { .reason = UserExitReason::PageFault, .fault_address = read_cr2(),
                          .access = decode_page_fault(frame.error_code, true), .signal = 0, .signal_code = 0 };
    case X87_FLOATING_POINT:
        return floating_point_exit(false, frame.rip);
    case ALIGNMENT_CHECK:
        return fault(SIGBUS, BUS_ADRALN, 0);
    case SIMD_FLOATING_POINT:
        return floating_point_exit(true, frame.rip);
    case OVERFLOW:
    case BOUND_RANGE:
    case INVALID_TSS:
    case GENERAL_PROTECTION:
    default:
        return fault(SIGSEGV, SI_KERNEL, 0);
    }
}

void store_registers(const InterruptFrame& frame, UserRegisters& registers)
{
    registers.r15 = frame.r15;
    registers.r14 = frame.r14;
    registers.r13 = frame.r13;
    registers.r12 = frame.r12;
    registers.rbp = frame.rbp;
    registers.rbx = frame.rbx;
    registers.r11 = frame.r11;
    registers.r10 = frame.r10;
    registers.r9 = frame.r9;
    registers.r8 = frame.r8;
    registers.rax = frame.rax;
    registers.rcx = frame.rcx;
    registers.rdx = frame.rdx;
    registers.rsi = frame.rsi;
    registers.rdi = frame.rdi;
    registers.orig_rax = ~0ull;
    registers.rip = frame.rip;
    registers.rflags = frame.rflags;
    registers.rsp = frame.rsp;
}

} // namespace

void leave_user_mode(const InterruptFrame& frame)
{
    store_registers(frame, *keel_user_registers);
    if (frame.vector < EXCEPTION_COUNT) {
        g_exit = exception_exit(frame);
    } else if (frame.vector >= PIC_VECTOR_BASE && frame.vector < PIC_VECTOR_BASE + IRQ_LINES) {
        g_reschedule = handle_irq(static_cast<unsigned>(frame.vector - PIC_VECTOR_BASE)) == IrqResult::Reschedule;
        g_exit = interrupt();
    } else {
        g_exit = interrupt(); // nothing raises other vectors; a program cannot (DPL 0 gates)
    }
    keel_user_resume(USER_EXIT_TRAP);
}

UserExit take_trap_exit(bool& reschedule)
{
    reschedule = g_reschedule;
    g_reschedule = false;
    return g_exit;
}

} // namespace hal::x86
