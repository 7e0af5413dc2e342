// The kernel-wide poll change counter and the queue of pollers (see poll.hpp).
#include <fs/poll.hpp>
#include <sync/interrupt_guard.hpp>

namespace fs {

namespace {
uint64_t g_generation = 0;
sched::WaitQueue g_pollers;
} // namespace

uint64_t poll_generation()
{
    ksync::InterruptGuard guard;
    return g_generation;
}

void notify_poll_waiters()
{
    ksync::InterruptGuard guard;
    ++g_generation;
    if (!g_pollers.is_empty())
        g_pollers.wake_all();
}

sched::WaitResult wait_for_poll_change(uint64_t seen, uint64_t deadline_ns)
{
    if (g_generation != seen)
        return sched::WaitResult::Woken;
    if (deadline_ns == UINT64_MAX)
        return g_pollers.wait_interruptible();
    return g_pollers.wait_until_interruptible(deadline_ns);
}

} // namespace fs
