// In-kernel test of the async executor on its kernel thread, on both targets: tasks that
// sleep on the kernel's timers wake in deadline order, each within two ticks of its
// deadline, while the thread that spawned them blocks. "Within two ticks" counts timer
// ticks, not clock time: a loaded host may deliver a tick late (in the sim, hold several
// back as one), which says nothing about the timers.
#include <async/async.hpp>
#include <async/kernel_executor.hpp>
#include <hal/timer.hpp>
#include <ktest/ktest.hpp>
#include <sched/sync.hpp>
#include <time/tick.hpp>

namespace {

constexpr uint64_t TICK_NS = 1'000'000'000 / ktime::TICK_HZ;

struct Sleepers {
    sched::Semaphore done;
    uint64_t start_ns = 0;
    uint64_t start_tick = 0;
    uint64_t woke_at_ns[3] = {};
    uint64_t woke_at_tick[3] = {};
    unsigned order[3] = {};
    unsigned woken = 0;
};

async::Task<void> sleep_then_report(Sleepers& sleepers, unsigned index, uint64_t ticks)
{
    co_await async::sleep_for(ticks * TICK_NS);
    sleepers.woke_at_ns[index] = hal::clock_ns();
    sleepers.woke_at_tick[index] = ktime::tick_count();
    sleepers.order[sleepers.woken++] = index;
    sleepers.done.post();
}

} // namespace

KTEST(async_tasks_sleep_on_the_kernel_executor)
{
    static Sleepers sleepers;
    sleepers.start_tick = ktime::tick_count();
    sleepers.start_ns = hal::clock_ns();
    const uint64_t ticks[3] = { 6, 2, 4 };
    for (unsigned index = 0; index < 3; ++index)
        KTEST_EXPECT(!async::spawn(sleep_then_report(sleepers, index, ticks[index])).is_error());
    for (unsigned index = 0; index < 3; ++index)
        KTEST_EXPECT(sleepers.done.wait_until(hal::clock_ns() + 100 * TICK_NS));
    KTEST_EXPECT(sleepers.woken == 3);
    KTEST_EXPECT(sleepers.order[0] == 1 && sleepers.order[1] == 2 && sleepers.order[2] == 0);
    for (unsigned index = 0; index < 3; ++index) {
        uint64_t slept = sleepers.woke_at_ns[index] - sleepers.start_ns;
        KTEST_EXPECT(slept >= ticks[index] * TICK_NS);
        KTEST_EXPECT(sleepers.woke_at_tick[index] - sleepers.start_tick <= ticks[index] + 2);
    }
}
