// async::sleep_for / sleep_until: a Task waits for a time without polling for it.
//
//     co_await async::sleep_for(10'000'000);        // 10 ms
//     co_await async::sleep_until(deadline_ns);     // on the executor's clock
//
// Awaiting a Sleep arms a ktime::Timer, kept inside the Sleep (so inside the coroutine
// frame: arming never allocates), on the executor's timer queue, and suspends; the timer's
// callback, run by whoever expires the queue (the tick IRQ in the kernel), wakes the task.
// A deadline that has already passed does not suspend at all. Destroying a Sleep that is
// still waiting, as destroying its task does, cancels the timer, so no callback is left
// pointing into a freed frame.
#pragma once
#include <async/task.hpp>
#include <async/waker.hpp>
#include <time/timer_queue.hpp>

#include <coroutine>
#include <stdint.h>

namespace async {

class [[nodiscard]] Sleep {
public:
    ~Sleep();
    Sleep(const Sleep&) = delete;
    Sleep& operator=(const Sleep&) = delete;

    bool await_ready() const { return false; }
    template<typename Promise>
    bool await_suspend(std::coroutine_handle<Promise> coroutine)
    {
        return arm(suspension_waker(coroutine));
    }
    void await_resume() const {}

private:
    friend Sleep sleep_for(uint64_t duration_ns);
    friend Sleep sleep_until(uint64_t deadline_ns);

    enum class Measure { FromNow, SinceBoot };
    Sleep(uint64_t nanoseconds, Measure measure) : m_nanoseconds(nanoseconds), m_measure(measure) {}

    // Arms the timer to wake `waker`; false if the deadline has passed already.
    bool arm(Waker waker);
    static void on_timer(ktime::Timer& timer);

    ktime::Timer m_timer; // the first member: on_timer() finds the Sleep at its address
    Waker m_waker;
    ktime::TimerQueue* m_queue = nullptr; // where m_timer was armed
    uint64_t m_nanoseconds;
    Measure m_measure;
};

// Resumes the task `duration_ns` after it awaits this (at the first timer expiry after).
Sleep sleep_for(uint64_t duration_ns);
// Resumes the task once the executor's clock reads `deadline_ns` or later.
Sleep sleep_until(uint64_t deadline_ns);

} // namespace async
