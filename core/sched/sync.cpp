// Mutex, Semaphore and ConditionVariable on wait queues (see sync.hpp).
#include <hal/timer.hpp>
#include <sched/scheduler.hpp>
#include <sched/sync.hpp>
#include <sync/interrupt_guard.hpp>

namespace sched {

void Mutex::lock()
{
    ksync::InterruptGuard guard;
    Thread& self = current();
    VERIFY(m_owner != &self);
    while (m_owner)
        m_waiters.wait();
    m_owner = &self;
}

bool Mutex::try_lock()
{
    ksync::InterruptGuard guard;
    if (m_owner)
        return false;
    m_owner = &current();
    return true;
}

void Mutex::release()
{
    VERIFY(m_owner == &current());
    m_owner = nullptr;
    m_waiters.wake_one();
}

void Mutex::unlock()
{
    {
        ksync::InterruptGuard guard;
        release();
    }
    preempt_point(); // a waiter of higher priority takes over at once
}

void Semaphore::wait()
{
    ksync::InterruptGuard guard;
    while (m_count == 0)
        m_waiters.wait();
    --m_count;
}

bool Semaphore::wait_until(uint64_t deadline_ns)
{
    ksync::InterruptGuard guard;
    while (m_count == 0) {
        if (hal::clock_ns() >= deadline_ns || m_waiters.wait_until(deadline_ns) != WaitResult::Woken)
            return false;
    }
    --m_count;
    return true;
}

bool Semaphore::try_wait()
{
    ksync::InterruptGuard guard;
    if (m_count == 0)
        return false;
    --m_count;
    return true;
}

void Semaphore::post()
{
    ksync::InterruptGuard guard;
    ++m_count;
    m_waiters.wake_one();
}

void ConditionVariable::wait(Mutex& mutex)
{
    ksync::InterruptGuard guard; // no notify can slip between the release and the wait
    mutex.release();
    m_waiters.wait();
    mutex.lock();
}

void ConditionVariable::notify_one()
{
    {
        ksync::InterruptGuard guard;
        m_waiters.wake_one();
    }
    preempt_point();
}

void ConditionVariable::notify_all()
{
    {
        ksync::InterruptGuard guard;
        m_waiters.wake_all();
    }
    preempt_point();
}

} // namespace sched
