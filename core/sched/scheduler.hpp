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
// Two rules keep the console with the user however busy the CPU is. Priorities above
// HIGHEST_USER_PRIORITY are the kernel's: what a user starts or renices (`busy`, `nice`)
// stays below the shell and the kernel's own threads, as Linux's RLIMIT_NICE keeps an
// ordinary user from raising a priority. And a thread woken by the user's input (a key for
// a reader of the console) is boosted to at least INTERACTIVE_PRIORITY until it blocks
// again, losing one level for each time slice it uses up on the way, as interactive
// schedulers favour a thread that was waiting for the user: so even a shell reniced to 0
// answers a key at once while a user thread spins.
//
// sched::init() turns the boot flow (the one that runs kernel_main) into thread 1, "main",
// and starts the idle thread; the timer tick (time/tick.cpp) drives on_tick().
#pragma once
#include <hal/irq.hpp>
#include <sched/thread.hpp>

namespace sched {

inline constexpr uint32_t SLICE_TICKS = 5;
// The level a thread woken by input runs at, at least; the highest a user may give is below.
inline constexpr unsigned INTERACTIVE_PRIORITY = DEFAULT_PRIORITY;
inline constexpr unsigned HIGHEST_USER_PRIORITY = INTERACTIVE_PRIORITY - 1;

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
// The timer tick: CPU time, time slices, aging, the load average. Runs in the timer IRQ.
hal::IrqResult on_tick(uint64_t tick);

// What /proc/stat, /proc/uptime, /proc/loadavg and sysinfo say of the CPU since boot.
// Times are in ticks (TICK_HZ, which is also Linux's USER_HZ): each tick is charged to
// the thread it interrupts, as user time when that thread was in user mode, as idle time
// when it was the idle thread, else as system time.
struct CpuStatistics {
    uint64_t user_ticks = 0;
    uint64_t system_ticks = 0;
    uint64_t idle_ticks = 0;
    // The time the idle thread has run, by the clock (hal::clock_ns) rather than by
    // ticks, so that it never exceeds the time since boot (/proc/uptime).
    uint64_t idle_ns = 0;
    uint64_t context_switches = 0; // switches from one thread to another
    size_t runnable = 0;           // running and ready threads, the idle thread not counted
};
CpuStatistics cpu_statistics();

// Scheduler internals for the blocking primitives (interrupts disabled): block the running
// thread until make_ready(); make a blocked thread ready.
void block_current();
void make_ready(Thread& thread);
// Before make_ready() of a thread woken by the user's input: it runs at `priority` or more
// until it blocks again (see the top of this file).
void boost_on_wake(Thread& thread, unsigned priority);

} // namespace sched
