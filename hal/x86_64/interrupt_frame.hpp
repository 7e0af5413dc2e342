// The stack frame every interrupt and exception handler sees (built by interrupt_entry.S).
//
// From low to high addresses: the general registers pushed by the common entry (R15
// last, so it comes first), the vector and error code pushed by the per-vector stub (0
// when the CPU pushes none), then what the CPU pushed itself. In long mode the CPU always
// pushes SS:RSP, so `rsp` is the interrupted stack pointer.
#pragma once
#include <hal/irq.hpp>
#include <stdint.h>

namespace hal::x86 {

struct InterruptFrame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};
static_assert(sizeof(InterruptFrame) == 22 * 8);

inline constexpr unsigned EXCEPTION_COUNT = 32;
inline constexpr unsigned PIC_VECTOR_BASE = 0x20;

// traps.cpp: true when the frame is a page fault that core resolved (retry the access).
bool resolve_page_fault(const InterruptFrame& frame);
// traps.cpp: reports a CPU exception (or an unexpected vector) to core's kernel_trap().
[[noreturn]] void report_trap(const InterruptFrame& frame);
// irq.cpp: runs the handler of ISA line `line` and acknowledges the PIC; what the handler
// returned (Handled for a spurious IRQ or a line without a handler).
IrqResult handle_irq(unsigned line);
// irq.cpp: handle_irq, then the thread switch the handler asked for (kernel_reschedule).
void dispatch_irq(unsigned line);

} // namespace hal::x86
