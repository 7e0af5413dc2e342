// WaitQueue: threads blocked until something happens, woken in the order they came.
//
// The building block of every blocking primitive (mutex, semaphore, condition variable,
// join, sleep). wait() is called with interrupts disabled (the caller checked its condition
// under the same guard, so no wake-up can slip in between) and returns with them still
// disabled; wake_one()/wake_all() may be called from interrupt handlers. A woken thread
// must check its condition again: the queue promises only that it was woken. Thread code
// calls the wake functions with interrupts disabled too.
#pragma once
#include <kstd/intrusive_list.hpp>
#include <time/timer_queue.hpp>
#include <stddef.h>
#include <stdint.h>

namespace sched {

struct Thread;

// Interrupted: an interruptible wait cut short by sched::interrupt() (interrupt.hpp).
enum class WaitResult { Woken, TimedOut, Interrupted };

// A thread's place on a wait queue (one per thread: a thread waits on one queue at a time).
struct Waiter {
    kstd::IntrusiveListNode node;
    Thread* thread = nullptr;
};

// The deadline of a thread's wait, which knows whose it is.
struct WaitTimer : ktime::Timer {
    Thread* thread = nullptr;
};

class WaitQueue {
public:
    WaitQueue() = default;
    WaitQueue(const WaitQueue&) = delete;
    WaitQueue& operator=(const WaitQueue&) = delete;

    // Blocks the running thread until woken, or until hal::clock_ns() reaches the
    // deadline. Interrupts must be disabled. (A killed thread never comes back from a
    // wait: it ends as soon as the scheduler runs it again.)
    WaitResult wait();
    WaitResult wait_until(uint64_t deadline_ns);
    // The same, but sched::interrupt() on the waiting thread ends the wait with
    // Interrupted, as does an interrupt already pending when it is called.
    WaitResult wait_interruptible();
    WaitResult wait_until_interruptible(uint64_t deadline_ns);

    // Make the first waiter (or all) ready; return how many were woken.
    size_t wake_one();
    size_t wake_all();
    // wake_all() for threads woken by the user's input: each runs at `priority` or more
    // until it blocks again (sched::boost_on_wake).
    size_t wake_all_boosted(unsigned priority);

    bool is_empty() const { return m_waiters.is_empty(); }
    size_t size() const { return m_waiters.size(); }

    // Takes a thread blocked on this queue off it and makes it ready, with `result` as
    // its wait's answer.
    void release(Thread& thread, WaitResult result);

private:
    WaitResult block(bool has_deadline, uint64_t deadline_ns, bool interruptible);

    kstd::IntrusiveList<Waiter, &Waiter::node> m_waiters;
};

} // namespace sched
