// The kernel executor's thread and parker (see kernel_executor.hpp).
#include <async/kernel_executor.hpp>
#include <hal/timer.hpp>
#include <kstd/panic.hpp>
#include <sched/scheduler.hpp>
#include <sched/sync.hpp>
#include <sync/interrupt_guard.hpp>
#include <time/timers.hpp>

namespace async {
namespace {

// Parks on a semaphore that holds at most one permit: an unpark() before park() makes the
// next park() return at once, and many unparks still wake it once.
class SemaphoreParker final : public Parker {
public:
    void park() override { m_permit.wait(); }
    void unpark() override
    {
        ksync::InterruptGuard guard;
        if (m_permit.count() == 0)
            m_permit.post();
    }

private:
    sched::Semaphore m_permit;
};

SemaphoreParker g_parker;
Executor* g_executor = nullptr;

void run_executor(void*)
{
    g_executor->run();
}

} // namespace

void start_kernel_executor()
{
    VERIFY(g_executor == nullptr);
    alignas(Executor) static unsigned char storage[sizeof(Executor)];
    g_executor = new (storage) Executor(g_parker, ktime::timers(), hal::clock_ns);
    auto thread = sched::spawn("async", run_executor, nullptr, { .priority = ASYNC_PRIORITY, .detached = true });
    if (thread.is_error())
        PANIC("async: no memory for the executor thread");
}

kstd::Result<void> spawn(Task<void> task)
{
    VERIFY(g_executor != nullptr);
    kstd::Result<void> spawned = [&task]() -> kstd::Result<void> {
        ksync::InterruptGuard guard;
        return g_executor->spawn(static_cast<Task<void>&&>(task));
    }();
    sched::preempt_point(); // the executor thread has the higher priority
    return spawned;
}

} // namespace async
