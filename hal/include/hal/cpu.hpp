// HAL: the processor itself.
#pragma once
#include <stdint.h>

namespace hal {

// Enables interrupts and sleeps until one has been handled (sti; hlt / wait for a
// pending IRQ in the sim). Returns with interrupts enabled.
void cpu_idle();
// Stops the processor for good with interrupts disabled.
[[noreturn]] void cpu_halt();
// A hint inside spin loops (pause).
void cpu_relax();
unsigned cpu_id();
// A cycle counter (rdtsc); only differences are meaningful.
uint64_t cycles();

} // namespace hal
