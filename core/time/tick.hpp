// The periodic timer tick: started once at boot, counted on every timer IRQ.
//
// Wall-clock questions go to hal::clock_ns(); the tick drives the timers (timers.hpp) and,
// through the listener start_tick() is given, the scheduler's time slices, aging and
// CPU-time sampling (sched::on_tick). The scheduler sits above time (its sleeps are
// timers), so it is handed in by kernel_main rather than included here.
#pragma once
#include <hal/irq.hpp>
#include <stdint.h>

namespace ktime {

inline constexpr uint32_t TICK_HZ = 100;

// Runs in the timer IRQ after the due timers, with the new tick count; its answer is the
// IRQ's (Reschedule when a switch is due).
using TickListener = hal::IrqResult (*)(uint64_t tick);

// Installs the timer IRQ handler and starts the hardware tick at TICK_HZ.
void start_tick(TickListener listener);
uint64_t tick_count();

} // namespace ktime
