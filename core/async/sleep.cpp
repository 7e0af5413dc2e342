// Sleeps on the executor's timer queue (see sleep.hpp).
//
// The queue is shared with the IRQ that expires it, so arming and cancelling happen with
// interrupts off. The timer callback runs in that IRQ, also with interrupts off.
#include <async/executor.hpp>
#include <async/sleep.hpp>
#include <sync/interrupt_guard.hpp>

#include <type_traits>

namespace async {

static_assert(std::is_standard_layout_v<Sleep>, "on_timer() turns a Timer& into its Sleep");

Sleep sleep_for(uint64_t duration_ns)
{
    return Sleep(duration_ns, Sleep::Measure::FromNow);
}

Sleep sleep_until(uint64_t deadline_ns)
{
    return Sleep(deadline_ns, Sleep::Measure::SinceBoot);
}

Sleep::~Sleep()
{
    ksync::InterruptGuard guard;
    if (m_timer.is_armed())
        m_queue->cancel(m_timer);
}

bool Sleep::arm(Waker waker)
{
    Executor& executor = waker.executor();
    uint64_t now = executor.now();
    uint64_t deadline = m_nanoseconds;
    if (m_measure == Measure::FromNow && __builtin_add_overflow(now, m_nanoseconds, &deadline))
        deadline = UINT64_MAX; // "for ever" stays in the future
    if (deadline <= now)
        return false;
    ksync::InterruptGuard guard;
    m_waker = waker;
    m_queue = &executor.timers();
    m_queue->arm(m_timer, deadline, on_timer);
    return true;
}

void Sleep::on_timer(ktime::Timer& timer)
{
    reinterpret_cast<Sleep*>(&timer)->m_waker.wake();
}

} // namespace async
