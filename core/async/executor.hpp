// async::Executor: runs spawned Tasks on one kernel thread, polling only those woken.
//
// The executor keeps a ready list of tasks whose wait has ended (or that were just spawned)
// and resumes them in rounds: a round polls each task that was ready when the round
// started, once; a task woken during the round, by an IRQ or by itself, waits for the next
// round, so a task that wakes itself in every poll cannot starve the others. A task is on
// the ready list at most once however many times it is woken between polls (wakes from IRQ
// handlers and timer callbacks included: the list is changed with interrupts off).
//
// When no task is ready, run() parks the thread on a Parker, which the next wake unparks;
// the kernel's Parker sleeps the executor's kernel thread, the host tests use a fake. The
// executor also knows the time (a clock function) and the timer queue its sleeps arm; the
// queue is expired by whoever owns it (the tick IRQ in the kernel, the test's fake clock),
// never by the executor, so sleeping tasks cost nothing until their deadline.
#pragma once
#include <async/spawned_task.hpp>
#include <async/task.hpp>
#include <kstd/intrusive_list.hpp>
#include <kstd/result.hpp>

#include <stddef.h>
#include <stdint.h>

namespace ktime {
class TimerQueue;
} // namespace ktime

namespace async {

// How the executor's thread sleeps while no task is ready.
class Parker {
public:
    // Sleeps until unpark() is called; returns at once if unpark() was called since the
    // last park() returned (one saved permit, not a count). May return early.
    virtual void park() = 0;
    // Ends the current or next park(). Any context, interrupts off included.
    virtual void unpark() = 0;

protected:
    ~Parker() = default;
};

class Executor {
public:
    using Clock = uint64_t (*)(); // monotonic nanoseconds

    // How many rounds run_until_idle() runs at the most unless told otherwise.
    static constexpr size_t DEFAULT_ROUND_LIMIT = 256;

    Executor(Parker& parker, ktime::TimerQueue& timers, Clock clock_ns);
    // Destroys the tasks that have not finished; their waits end with them (timers are
    // cancelled, key waits withdrawn).
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    // Takes the task and makes it ready. ENOMEM if its frame could not be allocated (an
    // empty Task) or there is no memory for its record (the task is destroyed).
    kstd::Result<void> spawn(Task<void> task);

    // Polls, once each, the tasks that are ready as the round starts; returns how many.
    // A task that finishes is destroyed.
    size_t run_round();
    // Runs rounds until one finds no task ready (returns true) or `round_limit` rounds have
    // run (returns false: some task keeps waking itself or another).
    bool run_until_idle(size_t round_limit = DEFAULT_ROUND_LIMIT);
    // Runs rounds, parking whenever none is ready, until stop() is called.
    void run();
    // Makes run() return after the round or park in progress. Called by a task of this
    // executor or by its Parker (from the executor's thread).
    void stop();

    size_t task_count() const { return m_tasks.size(); }
    uint64_t now() const { return m_clock_ns(); }
    ktime::TimerQueue& timers() const { return m_timers; }

private:
    friend class Waker;

    void wake(SpawnedTask& task, uint32_t generation);
    // Makes `task` ready unless it already is; with interrupts off.
    void make_ready(SpawnedTask& task);
    void poll(SpawnedTask& task);
    void destroy_task(SpawnedTask& task);

    Parker& m_parker;
    ktime::TimerQueue& m_timers;
    Clock m_clock_ns;
    kstd::IntrusiveList<SpawnedTask, &SpawnedTask::m_ready_node> m_ready;
    kstd::IntrusiveList<SpawnedTask, &SpawnedTask::m_task_node> m_tasks;
    bool m_stop_requested = false;
};

} // namespace async
