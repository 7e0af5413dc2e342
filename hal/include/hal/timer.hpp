// HAL: time.
//
// clock_ns() is a monotonic nanosecond count since boot. The tick arrives on TIMER_IRQ:
// the PIT on x86_64, a host timer thread in the sim.
#pragma once
#include <stdint.h>

namespace hal {

inline constexpr unsigned TIMER_IRQ = 0;

uint64_t clock_ns();
// Raises TIMER_IRQ every period_ns (rounded to what the hardware can do).
void timer_set_periodic(uint64_t period_ns);
// Raises TIMER_IRQ once, after delay_ns; cancels a periodic tick.
void timer_set_oneshot(uint64_t delay_ns);

} // namespace hal
