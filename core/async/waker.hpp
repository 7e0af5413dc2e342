// async::Waker: how the end of a wait tells the executor that a suspended task can go on.
//
// A task that suspends on something (a timer, a key, a driver's interrupt) leaves a Waker
// with whatever will end the wait; wake() puts the task on its executor's ready list, so a
// later round resumes it. wake() may be called from any context on the one CPU, an IRQ
// handler or a timer callback with interrupts off included, and any number of times: a task
// that is already on the ready list is not put there again, and a Waker from a wait the task
// has since left does nothing (a Waker names its task and how many times the task had been
// polled when it suspended). A Waker must not outlive its task; the waits in this folder
// forget theirs when they end, and wait primitives written later should do the same.
#pragma once
#include <stdint.h>

namespace async {

class Executor;
class SpawnedTask;

class Waker {
public:
    Waker() = default; // wakes nothing

    void wake() const;
    bool is_empty() const { return m_task == nullptr; }
    // The executor the task runs on (the clock and timer queue a wait needs).
    Executor& executor() const;

private:
    friend class SpawnedTask;
    Waker(SpawnedTask& task, uint32_t generation) : m_task(&task), m_generation(generation) {}

    SpawnedTask* m_task = nullptr;
    uint32_t m_generation = 0;
};

} // namespace async
