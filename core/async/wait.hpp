// The two plainest waits: give the other tasks a turn, and wait for anyone's wake().
//
//     co_await async::yield_now();              // polled again in the executor's next round
//     co_await async::wait_for_wake(m_waker);   // until something calls m_waker.wake()
//
// wait_for_wake() is how a driver's IRQ handler wakes a task: the task leaves its Waker in
// a slot the handler reads, with interrupts off; the slot is cleared (with interrupts off)
// when the wait ends or is destroyed, so the handler never holds a Waker of a task that has
// moved on. A woken task should check what it was waiting for and wait again if need be.
#pragma once
#include <async/task.hpp>
#include <async/waker.hpp>
#include <sync/interrupt_guard.hpp>

#include <coroutine>

namespace async {

class [[nodiscard]] YieldNow {
public:
    bool await_ready() const { return false; }
    template<typename Promise>
    void await_suspend(std::coroutine_handle<Promise> coroutine) const
    {
        suspension_waker(coroutine).wake();
    }
    void await_resume() const {}
};

inline YieldNow yield_now()
{
    return {};
}

class [[nodiscard]] WaitForWake {
public:
    explicit WaitForWake(Waker& slot) : m_slot(slot) {}
    ~WaitForWake()
    {
        ksync::InterruptGuard guard;
        m_slot = Waker();
    }
    WaitForWake(const WaitForWake&) = delete;
    WaitForWake& operator=(const WaitForWake&) = delete;

    bool await_ready() const { return false; }
    template<typename Promise>
    void await_suspend(std::coroutine_handle<Promise> coroutine)
    {
        Waker waker = suspension_waker(coroutine);
        ksync::InterruptGuard guard;
        m_slot = waker;
    }
    void await_resume() const {}

private:
    Waker& m_slot;
};

inline WaitForWake wait_for_wake(Waker& slot)
{
    return WaitForWake(slot);
}

} // namespace async
