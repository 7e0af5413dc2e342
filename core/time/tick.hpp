// The periodic timer tick: started once at boot, counted on every timer IRQ.
//
// Wall-clock questions go to hal::clock_ns(); the tick drives the timers (timers.hpp) and
// the scheduler's time slices, aging and CPU-time sampling (sched/scheduler.hpp).
#pragma once
#include <stdint.h>

namespace ktime {

inline constexpr uint32_t TICK_HZ = 100;

// Installs the timer IRQ handler and starts the hardware tick at TICK_HZ.
void start_tick();
uint64_t tick_count();

} // namespace ktime
