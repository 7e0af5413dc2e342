// The periodic timer tick: started once at boot, counted on every timer IRQ.
//
// Wall-clock questions go to hal::clock_ns(); the tick is what will drive time slices and
// timeouts once the scheduler arrives. Its count shows that timer interrupts really flow.
#pragma once
#include <stdint.h>

namespace ktime {

inline constexpr uint32_t TICK_HZ = 100;

// Installs the timer IRQ handler and starts the hardware tick at TICK_HZ.
void start_tick();
uint64_t tick_count();

} // namespace ktime
