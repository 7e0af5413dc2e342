// async::SpawnedTask: the executor's record of one task it runs.
//
// Executor::spawn() makes one for each top-level Task. It owns the task's root coroutine
// frame (which owns the frames of the Tasks it is awaiting), remembers where the task is
// suspended (the innermost coroutine, which the next poll resumes: with nested Tasks that is
// rarely the root), and carries the links of the executor's lists. Its generation counts
// polls, so a Waker handed out before the latest poll is recognised as stale. Only the
// executor creates and destroys one; wait primitives meet it through suspension_waker() in
// task.hpp.
#pragma once
#include <async/waker.hpp>
#include <kstd/intrusive_list.hpp>

#include <coroutine>

namespace async {

class SpawnedTask {
public:
    SpawnedTask(Executor& executor, std::coroutine_handle<> root)
        : m_executor(executor), m_root(root), m_resume_point(root)
    {
    }
    ~SpawnedTask() { m_root.destroy(); }
    SpawnedTask(const SpawnedTask&) = delete;
    SpawnedTask& operator=(const SpawnedTask&) = delete;

    Executor& executor() const { return m_executor; }

    // Notes that the task suspends at `coroutine`, and returns the Waker that ends this wait.
    Waker suspend_at(std::coroutine_handle<> coroutine)
    {
        m_resume_point = coroutine;
        return Waker(*this, m_generation);
    }

private:
    friend class Executor;

    Executor& m_executor;
    std::coroutine_handle<> m_root;
    std::coroutine_handle<> m_resume_point;
    uint32_t m_generation = 0; // changed with interrupts off: wakes compare it from IRQs
    kstd::IntrusiveListNode m_ready_node; // linked while the task waits for a poll
    kstd::IntrusiveListNode m_task_node;  // linked from spawn until the task ends
};

} // namespace async
