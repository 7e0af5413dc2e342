// ktime::TimerQueue: the armed timers of the kernel (sleeps, timeouts), earliest first.
//
//     struct Thread { ...; ktime::Timer sleep_timer; };
//     timers.arm(thread.sleep_timer, hal::clock_ns() + duration_ns, wake_sleeper);
//     ...  timers.expire(hal::clock_ns());   // from the timer IRQ's bottom half
//     ...  Optional<uint64_t> next = timers.next_deadline();   // to program a one-shot
//
// A Timer lives inside whatever waits on it, so arming never allocates. The queue is a
// pairing heap: every timer is a node whose links point to its first child, its next
// sibling, and its previous sibling (or its parent, for a first child). The root is the
// earliest timer, so next_deadline() is one look and a tick with nothing due costs only
// that look, however many thousands sleep. Arming melds one node with the root, O(1);
// taking the root or cancelling any node re-pairs its children, O(log n) amortized. No
// operation recurses, so the kernel stack does not grow with the number of timers.
//
// Timers are ordered by (deadline, arming order): equal deadlines expire in the order
// they were armed. expire(now) disarms each due timer before calling its callback, so a
// callback may re-arm its own timer (a periodic timer) or arm and cancel others; timers
// it arms that are already due run in the same call, in order. A callback that keeps
// re-arming at or before `now` therefore never lets expire() return.
//
// The queue is not thread-safe: its owner calls it with interrupts off.
#pragma once
#include <kstd/optional.hpp>
#include <kstd/verify.hpp>
#include <stddef.h>
#include <stdint.h>

namespace ktime {

class TimerQueue;

class Timer {
public:
    using Callback = void (*)(Timer&);

    Timer() = default;
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;
    ~Timer() { VERIFY(!is_armed()); }

    bool is_armed() const { return m_queue != nullptr; }
    // The deadline it was last armed with, in hal::clock_ns() nanoseconds.
    uint64_t deadline_ns() const { return m_deadline_ns; }

private:
    friend class TimerQueue;

    uint64_t m_deadline_ns = 0;
    uint64_t m_arming_sequence = 0; // breaks deadline ties in arming order
    Callback m_callback = nullptr;
    const TimerQueue* m_queue = nullptr; // the queue it is armed on
    Timer* m_first_child = nullptr;
    Timer* m_next_sibling = nullptr;
    Timer* m_previous = nullptr; // the previous sibling, or the parent of a first child
};

class TimerQueue {
public:
    TimerQueue() = default;
    TimerQueue(const TimerQueue&) = delete;
    TimerQueue& operator=(const TimerQueue&) = delete;
    // Disarms whatever is still armed, without calling it.
    ~TimerQueue();

    // Arms `timer`, which must not be armed, to call `callback` once deadline_ns is due.
    void arm(Timer& timer, uint64_t deadline_ns, Timer::Callback callback);
    // Disarms `timer`; false if it was not armed.
    bool cancel(Timer& timer);
    // Runs every timer due at now_ns, earliest first, each disarmed before its callback.
    void expire(uint64_t now_ns);

    // The earliest deadline armed, if any.
    kstd::Optional<uint64_t> next_deadline() const;
    size_t size() const { return m_size; }
    bool is_empty() const { return m_size == 0; }

private:
    static bool expires_before(const Timer& first, const Timer& second);
    static Timer* meld(Timer* first, Timer* second);
    static Timer* pair_up(Timer* first_sibling);
    void unlink(Timer& timer);

    Timer* m_root = nullptr;
    size_t m_size = 0;
    uint64_t m_next_sequence = 0;
};

} // namespace ktime
