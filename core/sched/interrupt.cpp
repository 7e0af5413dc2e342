// Interrupting a thread (see interrupt.hpp).
#include <hal/timer.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>

namespace sched {

void interrupt(Thread& thread)
{
    ksync::InterruptGuard guard;
    thread.interrupt_pending = true;
    if (thread.waiting_on && thread.interruptible)
        thread.waiting_on->release(thread, WaitResult::Interrupted);
}

bool interrupt_pending()
{
    ksync::InterruptGuard guard;
    return is_running() && current().interrupt_pending;
}

void clear_interrupt()
{
    ksync::InterruptGuard guard;
    if (is_running())
        current().interrupt_pending = false;
}

bool sleep_until_interruptible(uint64_t deadline_ns)
{
    ksync::InterruptGuard guard;
    WaitQueue nobody_wakes_this;
    while (hal::clock_ns() < deadline_ns) {
        if (nobody_wakes_this.wait_until_interruptible(deadline_ns) == WaitResult::Interrupted)
            return false;
    }
    return true;
}

bool sleep_for_interruptible(uint64_t ns)
{
    uint64_t now = hal::clock_ns();
    return sleep_until_interruptible(ns > UINT64_MAX - now ? UINT64_MAX : now + ns);
}

} // namespace sched
