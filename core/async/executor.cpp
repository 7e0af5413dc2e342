// The executor's rounds, wakes and parking (see executor.hpp), and Waker::wake().
//
// The ready list is shared with IRQ handlers (a Waker may be called from one), so every
// change to it and to a task's generation happens with interrupts off; resuming a task
// happens with them as they were, since a task may run for a while.
#include <async/executor.hpp>
#include <mm/heap/kmalloc.hpp>
#include <sync/interrupt_guard.hpp>

namespace async {

void Waker::wake() const
{
    if (m_task)
        m_task->executor().wake(*m_task, m_generation);
}

Executor& Waker::executor() const
{
    VERIFY(m_task != nullptr);
    return m_task->executor();
}

Executor::Executor(Parker& parker, ktime::TimerQueue& timers, Clock clock_ns)
    : m_parker(parker), m_timers(timers), m_clock_ns(clock_ns)
{
}

Executor::~Executor()
{
    while (SpawnedTask* task = m_tasks.front())
        destroy_task(*task);
}

kstd::Result<void> Executor::spawn(Task<void> task)
{
    if (!task.is_valid())
        return kstd::Errno::OutOfMemory;
    auto root = task.release();
    SpawnedTask* spawned = mm::make<SpawnedTask>(*this, root);
    if (!spawned) {
        root.destroy();
        return kstd::Errno::OutOfMemory;
    }
    root.promise().set_task(*spawned);
    ksync::InterruptGuard guard; // spawn() may run in another thread than the executor's
    m_tasks.push_back(*spawned);
    make_ready(*spawned);
    return {};
}

void Executor::wake(SpawnedTask& task, uint32_t generation)
{
    ksync::InterruptGuard guard;
    if (generation == task.m_generation)
        make_ready(task);
}

void Executor::make_ready(SpawnedTask& task)
{
    if (task.m_ready_node.is_linked())
        return;
    bool was_idle = m_ready.is_empty();
    m_ready.push_back(task);
    if (was_idle)
        m_parker.unpark();
}

size_t Executor::run_round()
{
    size_t ready;
    {
        ksync::InterruptGuard guard;
        ready = m_ready.size();
    }
    // Tasks woken from now on join the back of the list, behind the `ready` taken here.
    for (size_t polled = 0; polled < ready; ++polled) {
        SpawnedTask* task;
        {
            ksync::InterruptGuard guard;
            task = m_ready.pop_front();
            VERIFY(task != nullptr); // the tasks counted above leave the list only here
            ++task->m_generation;
        }
        poll(*task);
    }
    return ready;
}

void Executor::poll(SpawnedTask& task)
{
    task.m_resume_point.resume();
    if (task.m_root.done())
        destroy_task(task);
}

bool Executor::run_until_idle(size_t round_limit)
{
    for (size_t round = 0; round < round_limit; ++round) {
        if (run_round() == 0)
            return true;
    }
    ksync::InterruptGuard guard;
    return m_ready.is_empty();
}

void Executor::run()
{
    while (!m_stop_requested) {
        // A wake between this round and park() leaves the Parker a permit: no lost wakeup.
        if (run_round() == 0 && !m_stop_requested)
            m_parker.park();
    }
    m_stop_requested = false;
}

void Executor::stop()
{
    m_stop_requested = true;
}

void Executor::destroy_task(SpawnedTask& task)
{
    {
        ksync::InterruptGuard guard;
        if (task.m_ready_node.is_linked())
            m_ready.remove(task);
        ++task.m_generation; // wakes from here on, even from the frame's destructors, are stale
        m_tasks.remove(task); // spawn() may run in another thread, with interrupts off
    }
    mm::destroy(&task);
}

} // namespace async
