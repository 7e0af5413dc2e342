// WaitQueue: blocking and waking (see wait_queue.hpp).
#include <hal/irq.hpp>
#include <sched/scheduler.hpp>
#include <time/timers.hpp>

namespace sched {
namespace {

void on_deadline(ktime::Timer& timer)
{
    Thread& thread = *static_cast<WaitTimer&>(timer).thread;
    if (thread.waiting_on)
        thread.waiting_on->release(thread, WaitResult::TimedOut);
}

} // namespace

WaitResult WaitQueue::block(bool has_deadline, uint64_t deadline_ns, bool interruptible)
{
    VERIFY(!hal::irqs_enabled());
    Thread& self = current();
    if (interruptible && self.interrupt_pending)
        return WaitResult::Interrupted;
    m_waiters.push_back(self.waiter);
    self.waiting_on = this;
    self.wait_result = WaitResult::Woken;
    if (has_deadline)
        ktime::timers().arm(self.wait_timer, deadline_ns, on_deadline);
    self.interruptible = interruptible;
    block_current();
    self.interruptible = false;
    if (has_deadline)
        ktime::timers().cancel(self.wait_timer);
    return self.wait_result;
}

WaitResult WaitQueue::wait()
{
    return block(false, 0, false);
}

WaitResult WaitQueue::wait_until(uint64_t deadline_ns)
{
    return block(true, deadline_ns, false);
}

WaitResult WaitQueue::wait_interruptible()
{
    return block(false, 0, true);
}

WaitResult WaitQueue::wait_until_interruptible(uint64_t deadline_ns)
{
    return block(true, deadline_ns, true);
}

size_t WaitQueue::wake_one()
{
    Waiter* waiter = m_waiters.front();
    if (!waiter)
        return 0;
    release(*waiter->thread, WaitResult::Woken);
    return 1;
}

void WaitQueue::release(Thread& thread, WaitResult result)
{
    VERIFY(thread.waiting_on == this);
    m_waiters.remove(thread.waiter);
    thread.waiting_on = nullptr;
    thread.wait_result = result;
    make_ready(thread);
}

size_t WaitQueue::wake_all()
{
    size_t woken = 0;
    while (wake_one())
        ++woken;
    return woken;
}

size_t WaitQueue::wake_all_boosted(unsigned priority)
{
    size_t woken = 0;
    while (Waiter* waiter = m_waiters.front()) {
        boost_on_wake(*waiter->thread, priority);
        release(*waiter->thread, WaitResult::Woken);
        ++woken;
    }
    return woken;
}

} // namespace sched
