// HAL: interrupt lines and the interrupt flag.
//
// Sixteen ISA-style lines (0 timer, 1 keyboard, 4 serial, ...). Core registers one handler
// per line; the HAL acknowledges the controller. Handlers run with interrupts disabled and
// never switch threads themselves: they return Reschedule to ask for a switch on the way
// out (after LK), and the HAL then calls core's kernel_reschedule() (hal/boot.hpp). In the
// sim, lines are pending bits set by device threads and the interrupt flag is a variable
// (see hal/sim/irq.cpp).
#pragma once
#include <hal/arch/irq_state.hpp>
#include <stdint.h>

namespace hal {

inline constexpr unsigned IRQ_LINES = 16;

enum class IrqResult { Handled, Reschedule };
using IrqHandler = IrqResult (*)(void* context);

// Disables interrupts and returns the previous state, for irq_restore().
IrqState irq_save();
void irq_restore(IrqState previous);
void irq_enable();
void irq_disable();
bool irqs_enabled();

// Installs the handler for a line (replacing any previous one) and unmasks it.
// Returns false for a line number out of range.
bool set_irq_handler(unsigned line, IrqHandler handler, void* context);
void irq_mask(unsigned line);
void irq_unmask(unsigned line);

// --- What happened on the lines (for /proc/interrupts) ---
// How many times the line's handler has run since boot (interrupts on a line without a
// handler, and spurious ones, are not counted); 0 for a line out of range.
uint64_t irq_count(unsigned line);
// What is wired to the line: "timer", "keyboard", "serial", ..., or nullptr when nothing
// is (or the line is out of range).
const char* irq_line_name(unsigned line);

} // namespace hal
