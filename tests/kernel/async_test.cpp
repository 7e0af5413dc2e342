// In-kernel test of the async executor on its kernel thread, on both targets: tasks that
// sleep on the kernel's timers wake in deadline order, each within two ticks of its
// deadline, while the thread that spawned them blocks. "Within two ticks" holds in clock
// time or in timer ticks: a loaded host may deliver ticks late (in the sim, hold several
// back as one) or, in QEMU, catch up on them faster than the clock (calibrated against
// the PIT at boot) runs; a late wake-up is late by both.
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

// A host that stalls QEMU makes a wake-up late by both measures; that passes, so a round
// with a late one is run again, up to 3 times: a timer that is really late is so every time.
KTEST(async_tasks_sleep_on_the_kernel_executor)
{
    static Sleepers sleepers;
    const uint64_t ticks[3] = { 6, 2, 4 };
    bool all_in_time = false;
    for (int attempt = 0; attempt < 3 && !all_in_time; ++attempt) {
        sleepers.woken = 0;
        sleepers.start_tick = ktime::tick_count();
        sleepers.start_ns = hal::clock_ns();
        for (unsigned index = 0; index < 3; ++index)
            KTEST_EXPECT(!async::spawn(sleep_then_report(sleepers, index, ticks[index])).is_error());
        for (unsigned index = 0; index < 3; ++index)
            KTEST_EXPECT(sleepers.done.wait_until(hal::clock_ns() + 100 * TICK_NS));
        KTEST_EXPECT(sleepers.woken == 3);
        KTEST_EXPECT(sleepers.order[0] == 1 && sleepers.order[1] == 2 && sleepers.order[2] == 0);
        all_in_time = true;
        for (unsigned index = 0; index < 3; ++index) {
            uint64_t slept = sleepers.woke_at_ns[index] - sleepers.start_ns;
            KTEST_EXPECT(slept >= ticks[index] * TICK_NS);
            all_in_time = all_in_time
                && (slept <= (ticks[index] + 2) * TICK_NS
                    || sleepers.woke_at_tick[index] - sleepers.start_tick <= ticks[index] + 2);
        }
    }
    KTEST_EXPECT(all_in_time);
}
