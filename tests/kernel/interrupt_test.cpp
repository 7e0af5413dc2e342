// In-kernel tests of Ctrl+C's mechanism, on x86_64 under QEMU and in the sim: interrupting
// a thread (sched/interrupt.hpp) ends its interruptible sleep at once, an interrupt already
// pending ends the next interruptible wait but leaves ordinary waits alone, and the shell's
// running command (`sleep 100000`) stops with status 130 while the next command runs as
// usual. Here sched::interrupt() stands in for the key: the input layer calls it for the
// foreground thread when Ctrl+C arrives (that part is checked by the unit and e2e tests).
#include "thread_waits.hpp"

#include <console/print.hpp>
#include <hal/timer.hpp>
#include <ktest/ktest.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <sched/sync.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>
#include <time/tick.hpp>

namespace {

constexpr uint64_t MILLISECOND = 1'000'000;
constexpr uint64_t TICK_NS = 1'000'000'000 / ktime::TICK_HZ;
constexpr uint64_t A_DAY_NS = 24ull * 3600 * 1000 * MILLISECOND;
constexpr uint64_t PROMPTLY_NS = 10'000 * MILLISECOND; // generous: a loaded CI machine

// Waits (a few seconds at most) until `thread` has blocked.
struct Sleeper {
    bool slept_to_the_end = true;
    uint64_t took_ns = 0;
};

void sleep_a_day(void* argument)
{
    auto& sleeper = *static_cast<Sleeper*>(argument);
    uint64_t start = hal::clock_ns();
    sleeper.slept_to_the_end = sched::sleep_for_interruptible(A_DAY_NS);
    sleeper.took_ns = hal::clock_ns() - start;
}

struct ShellRun {
    shell::Shell* shell;
    int interrupted_status = -1;
    uint64_t took_ns = 0;
    int next_status = -1;
};

void run_commands(void* argument)
{
    auto& run = *static_cast<ShellRun*>(argument);
    uint64_t start = hal::clock_ns();
    run.interrupted_status = run.shell->execute("sleep 100000");
    run.took_ns = hal::clock_ns() - start;
    run.next_status = run.shell->execute("sleep 1");
}

} // namespace

KTEST(interrupt_ends_an_interruptible_sleep_at_once)
{
    Sleeper sleeper;
    auto spawned = sched::spawn("sleeper", sleep_a_day, &sleeper);
    KTEST_EXPECT(!spawned.is_error());
    if (spawned.is_error())
        return;
    KTEST_EXPECT(ktest_support::wait_until_blocked(*spawned.value(), PROMPTLY_NS));
    sched::interrupt(*spawned.value());
    KTEST_EXPECT(sched::join(spawned.value()) == 0);
    KTEST_EXPECT(!sleeper.slept_to_the_end);
    KTEST_EXPECT(sleeper.took_ns < PROMPTLY_NS);
}

KTEST(a_pending_interrupt_ends_interruptible_waits_only)
{
    sched::interrupt(sched::current());
    KTEST_EXPECT(sched::interrupt_pending());
    uint64_t start = hal::clock_ns();
    KTEST_EXPECT(!sched::Semaphore().wait_until(start + 3 * TICK_NS)); // times out as usual
    KTEST_EXPECT(hal::clock_ns() - start >= 3 * TICK_NS);
    start = hal::clock_ns();
    KTEST_EXPECT(!sched::sleep_for_interruptible(A_DAY_NS)); // returns at once
    KTEST_EXPECT(hal::clock_ns() - start < PROMPTLY_NS);
    KTEST_EXPECT(sched::interrupt_pending()); // until cleared
    sched::clear_interrupt();
    KTEST_EXPECT(!sched::interrupt_pending());
    KTEST_EXPECT(sched::sleep_for_interruptible(2 * TICK_NS));
}

KTEST(an_interrupted_shell_command_ends_with_status_130)
{
    static shell::Shell shell(console::kernel_console()); // too big for a test's stack
    ShellRun run { &shell };
    auto spawned = sched::spawn("command", run_commands, &run);
    KTEST_EXPECT(!spawned.is_error());
    if (spawned.is_error())
        return;
    KTEST_EXPECT(ktest_support::wait_until_blocked(*spawned.value(), PROMPTLY_NS));
    sched::interrupt(*spawned.value());
    KTEST_EXPECT(sched::join(spawned.value()) == 0);
    KTEST_EXPECT(run.interrupted_status == shell::STATUS_INTERRUPTED);
    KTEST_EXPECT(run.took_ns < PROMPTLY_NS);
    KTEST_EXPECT(run.next_status == shell::STATUS_OK); // the interrupt did not linger
    KTEST_EXPECT(shell.last_status() == shell::STATUS_OK);
}
