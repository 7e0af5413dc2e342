// The kernel's timers: one TimerQueue, expired by the timer tick.
//
// Sleeps and timeouts arm a ktime::Timer here with an absolute deadline on hal::clock_ns();
// every tick (time/tick.cpp) runs the timers that are due, so a timer fires at the first
// tick at or after its deadline (within 1/TICK_HZ). The queue is ordered, so a tick costs
// a look at the earliest deadline, however many timers wait. Use it with interrupts
// disabled.
#pragma once
#include <time/timer_queue.hpp>

namespace ktime {

TimerQueue& timers();

} // namespace ktime
