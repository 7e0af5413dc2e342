// The scheduler (see scheduler.hpp): picking, switching, the tick, and the idle thread.
#include <hal/boot.hpp>
#include <hal/cpu.hpp>
#include <hal/memory.hpp>
#include <hal/timer.hpp>
#include <kstd/panic.hpp>
#include <mm/address_space.hpp>
#include <mm/mm.hpp>
#include <sched/load_average.hpp>
#include <sched/scheduler.hpp>
#include <sched/scheduler_internal.hpp>
#include <sync/interrupt_guard.hpp>
#include <time/timers.hpp>

#include <new>

namespace sched {
namespace {

RunQueue g_ready;
Thread* g_main_thread = nullptr;
Thread* g_current = nullptr;
Thread* g_idle = nullptr;
uint64_t g_tick = 0;
bool g_switch_due = false;
Thread* g_exited_detached = nullptr; // freed by the next thread to run
CpuStatistics g_statistics;
uint64_t g_idle_since_ns = 0; // when the idle thread last started to run
LoadAverage g_load;

Thread& thread_of(Schedulable& schedulable)
{
    return static_cast<Thread&>(schedulable);
}

bool higher_priority_ready(const Thread& running)
{
    int highest = g_ready.highest_ready_priority();
    if (highest < 0)
        return false;
    return &running == g_idle || unsigned(highest) > running.effective_priority;
}

// Puts the running thread back in line (the idle thread never queues): at the head of its
// level when a higher priority cut its time slice short, so it keeps its turn and the rest
// of its slice; at the tail when its slice is used up or given away.
void requeue_current()
{
    if (g_current == g_idle)
        return;
    g_current->state = ThreadState::Ready;
    if (g_current->slice_ticks_left > 0)
        g_ready.enqueue_front(*g_current, g_tick);
    else
        g_ready.enqueue(*g_current, g_tick);
}

// What every thread does right after it is switched in: free a detached thread that just
// ended, and end itself if it was killed while it waited.
void after_switch_in()
{
    if (g_exited_detached && g_exited_detached != g_current) {
        free_thread(*g_exited_detached);
        g_exited_detached = nullptr;
    }
    if (g_current->kill_requested && g_current->killable)
        exit(KILLED_STATUS);
}

// The level a thread runs at: its base, or its wake-up boost while that lasts. (Leaving
// the run queue has just put its effective priority back to its base.)
void apply_wake_boost(Thread& thread)
{
    if (thread.wake_boost > thread.base_priority)
        thread.effective_priority = thread.wake_boost;
    else
        thread.wake_boost = 0;
}

// A time slice used up costs a boosted thread one level, down to its base.
void decay_wake_boost(Thread& thread)
{
    if (thread.wake_boost == 0)
        return;
    --thread.wake_boost;
    thread.effective_priority = thread.base_priority;
    apply_wake_boost(thread);
}

// A user thread runs on its process's tables, a kernel thread on the kernel's (whose
// kernel half every table shares).
void activate_tables_of(const Thread& thread)
{
    hal::mmu_activate(thread.page_table_root ? thread.page_table_root
                                             : mm::kernel_address_space().page_table().root());
}

// Runs the best ready thread (or idle). The running thread's state is already what it
// should be: requeued, Blocked or Exited. Interrupts are disabled.
void switch_to_next()
{
    Thread& previous = *g_current;
    Schedulable* picked = g_ready.pick_next();
    Thread& next = picked ? thread_of(*picked) : *g_idle;
    apply_wake_boost(next);
    g_switch_due = false;
    if (&previous == g_idle)
        previous.state = ThreadState::Ready; // idle waits outside the queue
    next.state = ThreadState::Running;
    if (next.slice_ticks_left == 0)
        next.slice_ticks_left = SLICE_TICKS;
    if (&next == &previous)
        return;
    g_current = &next;
    ++g_statistics.context_switches;
    uint64_t now = hal::clock_ns();
    if (&previous == g_idle)
        g_statistics.idle_ns += now - g_idle_since_ns;
    if (&next == g_idle)
        g_idle_since_ns = now;
    if (next.page_table_root != previous.page_table_root)
        activate_tables_of(next);
    hal::context_switch(previous.context, next.context);
    after_switch_in();
}

size_t runnable_threads()
{
    return g_ready.size() + (g_current && g_current != g_idle ? 1 : 0);
}

// The running thread's CPU time, the system's, and every LOAD_SAMPLE_TICKS the load.
void account_tick(uint64_t tick)
{
    ++g_current->cpu_ticks;
    if (g_current == g_idle) {
        ++g_statistics.idle_ticks;
    } else if (g_current->in_user_mode) {
        ++g_current->user_ticks;
        ++g_statistics.user_ticks;
    } else {
        ++g_statistics.system_ticks;
    }
    if (tick % LOAD_SAMPLE_TICKS == 0)
        g_load.sample(runnable_threads());
}

[[noreturn]] void idle_loop(void*)
{
    while (true) {
        hal::cpu_idle(); // an IRQ that readies a thread usually switches right from there
        ksync::InterruptGuard guard;
        if (!g_ready.is_empty())
            switch_to_next();
    }
}

} // namespace

void init()
{
    VERIFY(g_current == nullptr);
    ksync::InterruptGuard guard;
    // Never destroyed: the sim's process may exit while it sleeps (an armed timer).
    alignas(Thread) static unsigned char main_storage[sizeof(Thread)];
    g_main_thread = new (main_storage) Thread();
    g_main_thread->name.write("main");
    g_main_thread->state = ThreadState::Running;
    g_main_thread->slice_ticks_left = SLICE_TICKS;
    register_boot_thread(*g_main_thread);
    g_current = g_main_thread;
    auto idle = spawn("idle", idle_loop, nullptr,
                      { .priority = 0, .detached = true });
    if (idle.is_error())
        PANIC("sched: no memory for the idle thread");
    g_idle = idle.value();
    g_ready.remove(*g_idle); // idle runs only when nothing else is ready
}

bool is_running()
{
    return g_current != nullptr;
}

Thread& current()
{
    VERIFY(g_current != nullptr);
    return *g_current;
}

void start_thread(Thread& thread)
{
    after_switch_in();
    hal::irq_enable();
    thread.entry(thread.argument);
    exit(0);
}

void yield()
{
    ksync::InterruptGuard guard;
    g_current->slice_ticks_left = 0; // to the back of the line
    requeue_current();
    switch_to_next();
}

void preempt_point()
{
    ksync::InterruptGuard guard;
    if (!g_switch_due && !higher_priority_ready(*g_current))
        return;
    requeue_current();
    switch_to_next();
}

void block_current()
{
    VERIFY(!hal::irqs_enabled() && g_current != g_idle);
    g_current->state = ThreadState::Blocked;
    g_current->slice_ticks_left = 0; // a fresh slice when it runs again
    g_current->wake_boost = 0;       // the work the boost was for is done
    g_current->effective_priority = g_current->base_priority;
    switch_to_next();
}

void make_ready(Thread& thread)
{
    VERIFY(thread.state == ThreadState::Blocked);
    thread.state = ThreadState::Ready;
    g_ready.enqueue(thread, g_tick);
    if (higher_priority_ready(*g_current))
        g_switch_due = true;
}

void boost_on_wake(Thread& thread, unsigned priority)
{
    VERIFY(thread.state == ThreadState::Blocked && priority < PRIORITY_LEVELS);
    if (priority <= thread.base_priority || priority <= thread.wake_boost)
        return;
    thread.wake_boost = uint8_t(priority);
    thread.effective_priority = uint8_t(priority); // not queued yet: make_ready queues it there
}

CpuStatistics cpu_statistics()
{
    ksync::InterruptGuard guard;
    CpuStatistics figures = g_statistics;
    figures.runnable = runnable_threads();
    if (g_current && g_current == g_idle)
        figures.idle_ns += hal::clock_ns() - g_idle_since_ns;
    return figures;
}

LoadAverages load_averages()
{
    ksync::InterruptGuard guard;
    return { { g_load.average(0), g_load.average(1), g_load.average(2) } };
}

bool is_idle(const Thread& thread)
{
    return &thread == g_idle;
}

void requeue_with_priority(Thread& thread, unsigned priority)
{
    thread.wake_boost = 0;
    g_ready.set_base_priority(thread, priority);
    if (g_current && higher_priority_ready(*g_current))
        g_switch_due = true;
}

void hasten_to_end(Thread& thread)
{
    VERIFY(thread.state == ThreadState::Ready);
    if (&thread == g_idle || !g_ready.contains(thread))
        return; // idle is never killable; a thread being switched in is as good as running
    g_ready.remove(thread);
    thread.wake_boost = HIGHEST_PRIORITY;
    thread.effective_priority = HIGHEST_PRIORITY;
    g_ready.enqueue_front(thread, g_tick);
    if (higher_priority_ready(*g_current))
        g_switch_due = true;
}

void end_current(int status)
{
    Thread& ending = *g_current;
    VERIFY(&ending != g_idle && &ending != g_main_thread);
    // A thread killed in a timed wait ends before the wait cleans up after itself.
    ktime::timers().cancel(ending.wait_timer);
    VERIFY(!ending.waiting_on);
    ending.exit_status = status;
    ending.state = ThreadState::Exited;
    ending.joiners.wake_all();
    if (ending.detached)
        g_exited_detached = &ending;
    switch_to_next();
    PANIC("sched: thread '{}' ran again after it ended", ending.name.view());
}

hal::IrqResult irq_result()
{
    return g_switch_due || (g_current && higher_priority_ready(*g_current)) ? hal::IrqResult::Reschedule
                                                                            : hal::IrqResult::Handled;
}

hal::IrqResult on_tick(uint64_t tick)
{
    if (!g_current)
        return hal::IrqResult::Handled;
    g_tick = tick;
    account_tick(tick);
    g_ready.age(tick);
    if (g_current != g_idle && g_current->slice_ticks_left > 0 && --g_current->slice_ticks_left == 0) {
        decay_wake_boost(*g_current);
        int highest = g_ready.highest_ready_priority();
        if (highest >= 0 && unsigned(highest) >= g_current->effective_priority)
            g_switch_due = true; // round robin within the level: to the back of the line
        else
            g_current->slice_ticks_left = SLICE_TICKS;
    }
    return irq_result();
}

void sleep_until(uint64_t deadline_ns)
{
    ksync::InterruptGuard guard;
    WaitQueue nobody_wakes_this;
    while (hal::clock_ns() < deadline_ns)
        nobody_wakes_this.wait_until(deadline_ns);
}

void sleep_for(uint64_t ns)
{
    uint64_t now = hal::clock_ns();
    sleep_until(ns > UINT64_MAX - now ? UINT64_MAX : now + ns); // saturates: "for ever"
}

} // namespace sched

void kernel_reschedule()
{
    using namespace sched;
    if (!g_current || (!g_switch_due && !higher_priority_ready(*g_current)))
        return;
    requeue_current();
    switch_to_next();
}
