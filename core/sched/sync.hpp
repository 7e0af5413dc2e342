// Blocking locks and signals for kernel threads: Mutex, Semaphore, ConditionVariable.
//
//     sched::Mutex lock;
//     { sched::MutexLocker locked(lock); ... }
//
// All three sleep on a WaitQueue instead of spinning, so they are for thread context only,
// except Semaphore::post(), which an interrupt handler may call (a key arrived, a timer
// fired). Unlocking and notifying hand the CPU over at once to a woken thread of higher
// priority; a post does not (it may run in an IRQ handler), so a poster in thread context
// that wants that calls sched::preempt_point(). A Mutex has an owner: unlocking one you do not hold, or locking one you already
// hold, is a bug and VERIFY-fails. There is no priority inheritance yet: a low-priority
// holder can delay a high-priority waiter while middle priorities run.
#pragma once
#include <sched/wait_queue.hpp>

namespace sched {

class Mutex {
public:
    void lock();
    bool try_lock();
    void unlock();
    bool is_locked() const { return m_owner != nullptr; }

private:
    friend class ConditionVariable;
    // Unlocks without switching to a waiter right away (interrupts disabled).
    void release();

    Thread* m_owner = nullptr;
    WaitQueue m_waiters;
};

class MutexLocker {
public:
    explicit MutexLocker(Mutex& mutex) : m_mutex(mutex) { m_mutex.lock(); }
    ~MutexLocker() { m_mutex.unlock(); }
    MutexLocker(const MutexLocker&) = delete;
    MutexLocker& operator=(const MutexLocker&) = delete;

private:
    Mutex& m_mutex;
};

class Semaphore {
public:
    explicit Semaphore(uint64_t initial = 0) : m_count(initial) {}
    // Takes one unit, sleeping until there is one.
    void wait();
    // The same with a deadline on hal::clock_ns(); false when it passed first.
    bool wait_until(uint64_t deadline_ns);
    bool try_wait();
    // Adds one unit and wakes a waiter; safe in interrupt handlers.
    void post();
    uint64_t count() const { return m_count; }

private:
    uint64_t m_count;
    WaitQueue m_waiters;
};

class ConditionVariable {
public:
    // Unlocks `mutex`, sleeps until notified, locks it again. Check the condition in a loop.
    void wait(Mutex& mutex);
    void notify_one();
    void notify_all();

private:
    WaitQueue m_waiters;
};

} // namespace sched
