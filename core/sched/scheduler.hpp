// The scheduler: which thread runs, for how long, and what happens on each tick.
//
// One CPU. Ready threads wait in a RunQueue (run_queue.hpp): 32 priority levels, the
// highest non-empty level runs first (an O(1) pick through a bitmap), threads of one level
// take turns in time slices of SLICE_TICKS ticks, and aging lifts a thread that has waited
// too long one level at a time so that no priority starves forever. When nothing is ready
// the idle thread halts the CPU until an interrupt (hal::cpu_idle).
//
// Switches happen in three places: a thread blocks, exits or yields; the tick (or another
// IRQ handler) finds that someone should run instead and returns Reschedule, which the HAL
// turns into kernel_reschedule() on the way out of the interrupt; or thread code that made
// a higher-priority thread ready reaches preempt_point(). CPU time is sampled per tick.
//
// sched::init() turns the boot flow (the one that runs kernel_main) into thread 1, "main",
// and starts the idle thread; the timer tick (time/tick.cpp) drives on_tick().
#pragma once
#include <hal/irq.hpp>
#include <sched/thread.hpp>

namespace sched {

inline constexpr uint32_t SLICE_TICKS = 5;

void init();
bool is_running();
Thread& current();

// Gives the CPU to another ready thread of the same or higher priority, if there is one.
void yield();
// Switches now if a thread of higher priority than the running one is ready. Thread
// context only; IRQ handlers return irq_result() instead.
void preempt_point();
// Sleeps the running thread (at least `ns`; the tick rounds it up to the next tick).
void sleep_for(uint64_t ns);
void sleep_until(uint64_t deadline_ns);

// For IRQ handlers that woke threads: Reschedule when a switch is due.
hal::IrqResult irq_result();
// The timer tick: CPU time, time slices, aging. Runs in the timer IRQ.
hal::IrqResult on_tick(uint64_t tick);

// Scheduler internals for the blocking primitives (interrupts disabled): block the running
// thread until make_ready(); make a blocked thread ready.
void block_current();
void make_ready(Thread& thread);

} // namespace sched
