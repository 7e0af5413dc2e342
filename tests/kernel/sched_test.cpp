// In-kernel tests of threads and the scheduler, on x86_64 under QEMU and in the sim: time
// slicing between busy threads (preemption, runs of 50 ms), a higher priority taking the
// CPU from a lower one, a reader woken by input running before a busy user thread, sleep
// precision, the blocking primitives, kill, and 1,000 threads that leave no
// trace. The busy loops read hal::clock_ns(): that is their deadline, and in the sim under
// TSan (which holds back the preemption signal) a HAL call is where interrupts get in.
#include "footprint.hpp"

#include <console/print.hpp>
#include <hal/cpu.hpp>
#include <hal/timer.hpp>
#include <ktest/ktest.hpp>
#include <sched/scheduler.hpp>
#include <sched/sync.hpp>
#include <sync/interrupt_guard.hpp>
#include <time/tick.hpp>

namespace {

constexpr uint64_t MILLISECOND = 1'000'000;
constexpr uint64_t TICK_NS = 1'000'000'000 / ktime::TICK_HZ;

// Whether a wake-up came more than two ticks late both by the clock and by the timer ticks
// counted meanwhile (at most `most_ticks`). Either alone can be off on a loaded host: the
// host may deliver ticks late (in the sim, hold several back as one), and QEMU may catch
// up on ticks faster than the clock, calibrated against the PIT at boot, runs. A late
// wake-up is late by both.
bool late_by_both(uint64_t late_ns, uint64_t slept_ticks, uint64_t most_ticks)
{
    return late_ns > 2 * TICK_NS && slept_ticks > most_ticks;
}

sched::Thread* spawn_or_fail(kstd::StringView name, sched::ThreadEntry entry, void* argument,
                             sched::SpawnOptions options = {})
{
    auto spawned = sched::spawn(name, entry, argument, options);
    KTEST_EXPECT(!spawned.is_error());
    return spawned.is_error() ? nullptr : spawned.value();
}

struct Spinner {
    uint64_t deadline_ns;
    volatile uint64_t iterations = 0;
};

// Counts until the deadline without ever giving the CPU away by itself.
void spin_until_deadline(void* argument)
{
    auto& spinner = *static_cast<Spinner*>(argument);
    while (hal::clock_ns() < spinner.deadline_ns)
        spinner.iterations = spinner.iterations + 1;
}

} // namespace

namespace {

// Two busy threads of one priority note the tick at each switch between them; a run lasts
// from one switch to the next. Ticks, not clock time: the scheduler counts a slice in
// ticks, so the runs are exact whatever the host's load (in the sim a host that falls behind
// delivers fewer ticks, and the slice stretches in time with them).
struct SliceLog {
    static constexpr size_t SWITCHES = 16;
    uint64_t switch_ticks[SWITCHES] {};
    volatile size_t switches = 0;
    volatile int owner = -1;
    uint64_t give_up_ns = 0;
};

struct SliceRunner {
    SliceLog* log;
    int me;
    volatile uint64_t iterations = 0;
};

void run_and_note_switches(void* argument)
{
    auto& runner = *static_cast<SliceRunner*>(argument);
    SliceLog& log = *runner.log;
    while (log.switches < SliceLog::SWITCHES && hal::clock_ns() < log.give_up_ns) {
        if (log.owner != runner.me) {
            ksync::InterruptGuard guard; // noting a switch must not be cut in two
            if (log.switches == SliceLog::SWITCHES)
                break;
            log.owner = runner.me;
            log.switch_ticks[log.switches] = ktime::tick_count();
            log.switches = log.switches + 1;
        }
        runner.iterations = runner.iterations + 1;
    }
}

} // namespace

// Round robin within a level, in 50 ms slices (5 ticks at 100 Hz; the literal number, not
// the constant under test): without preemption there would be one switch, and with another
// slice the runs would last another number of ticks.
KTEST(busy_threads_of_one_priority_take_turns_in_50_ms_slices)
{
    constexpr uint64_t SLICE_MS = 50;
    constexpr uint64_t SLICE = SLICE_MS * MILLISECOND / TICK_NS;
    SliceLog log;
    log.give_up_ns = hal::clock_ns() + 5000 * MILLISECOND;
    SliceRunner first { &log, 0 };
    SliceRunner second { &log, 1 };
    sched::Thread* a = spawn_or_fail("slice-a", run_and_note_switches, &first);
    sched::Thread* b = spawn_or_fail("slice-b", run_and_note_switches, &second);
    if (a)
        sched::join(a);
    if (b)
        sched::join(b);
    KTEST_EXPECT(first.iterations > 100 && second.iterations > 100);
    KTEST_EXPECT(log.switches == SliceLog::SWITCHES);
    // The first run began with the spawning; another thread waking in between (a timer)
    // may lengthen a run by a tick or two, so two runs may be off.
    size_t runs = 0;
    size_t runs_of_a_slice = 0;
    for (size_t index = 2; index < log.switches; ++index) {
        uint64_t run = log.switch_ticks[index] - log.switch_ticks[index - 1];
        ++runs;
        if (run + 1 >= SLICE && run <= SLICE + 1)
            ++runs_of_a_slice;
        else
            console::println("    a run of {} ticks (a slice is {})", run, SLICE);
    }
    KTEST_EXPECT(runs >= 10 && runs_of_a_slice + 2 >= runs);
}

namespace {

// 7 ticks: not a multiple of the time slice, so only preemption on wake-up can explain
// "high" running within two ticks of its deadline.
constexpr uint64_t HIGH_SLEEP_TICKS = 7;

struct PreemptionScene {
    volatile uint64_t low_iterations = 0;
    volatile bool stop = false;
    uint64_t low_iterations_when_high_woke = 0;
    uint64_t high_late_ns = 0;
    uint64_t high_slept_ticks = 0;
    bool low_ran_while_high_ran = false;
};

void low_priority_work(void* argument)
{
    auto& scene = *static_cast<PreemptionScene*>(argument);
    uint64_t give_up = hal::clock_ns() + 2000 * MILLISECOND;
    while (!scene.stop && hal::clock_ns() < give_up)
        scene.low_iterations = scene.low_iterations + 1;
}

void high_priority_work(void* argument)
{
    auto& scene = *static_cast<PreemptionScene*>(argument);
    uint64_t start_tick = ktime::tick_count();
    uint64_t deadline = hal::clock_ns() + HIGH_SLEEP_TICKS * TICK_NS;
    sched::sleep_until(deadline);
    scene.high_late_ns = hal::clock_ns() - deadline;
    scene.high_slept_ticks = ktime::tick_count() - start_tick;
    scene.low_iterations_when_high_woke = scene.low_iterations;
    uint64_t until = hal::clock_ns() + 5 * TICK_NS; // longer than a time slice
    while (hal::clock_ns() < until) {
    }
    scene.low_ran_while_high_ran = scene.low_iterations != scene.low_iterations_when_high_woke;
    scene.stop = true;
}

} // namespace

KTEST(higher_priority_thread_preempts_a_lower_one)
{
    PreemptionScene scene;
    sched::Thread* low = spawn_or_fail("low", low_priority_work, &scene, { .priority = 4 });
    sched::Thread* high = spawn_or_fail("high", high_priority_work, &scene, { .priority = 28 });
    if (high)
        sched::join(high); // main blocks: low spins until high wakes up and takes over
    if (low)
        sched::join(low);
    KTEST_EXPECT(scene.low_iterations_when_high_woke > 0); // low was running when high woke
    // and lost the CPU at once (late by the clock or by the ticks: see late_by_both)
    KTEST_EXPECT(!late_by_both(scene.high_late_ns, scene.high_slept_ticks, HIGH_SLEEP_TICKS + 2));
    KTEST_EXPECT(!scene.low_ran_while_high_ran);
}

namespace {

struct InputScene {
    sched::WaitQueue readers;
    volatile bool key_arrived = false;
    volatile uint64_t read_at_tick = 0;
    volatile bool stop_spinning = false;
    uint64_t give_up_ns = 0;
};

// Waits the way input::read_key() does, for the key the test "types".
void wait_for_a_key(void* argument)
{
    auto& scene = *static_cast<InputScene*>(argument);
    ksync::InterruptGuard guard;
    while (!scene.key_arrived)
        scene.readers.wait();
    scene.read_at_tick = ktime::tick_count();
}

void spin_until_stopped(void* argument)
{
    auto& scene = *static_cast<InputScene*>(argument);
    while (!scene.stop_spinning && hal::clock_ns() < scene.give_up_ns)
        hal::cpu_relax();
}

} // namespace

// A user may not give a thread more than HIGHEST_USER_PRIORITY (15: the literal number),
// and a reader at the lowest priority, woken as the keyboard wakes readers, still runs at
// once beside a thread spinning at that priority (without the boost, aging would take
// 15 levels x 50 ticks).
KTEST(a_thread_woken_by_input_runs_before_a_busy_user_thread)
{
    InputScene scene;
    scene.give_up_ns = hal::clock_ns() + 3000 * MILLISECOND;
    sched::Thread* reader = spawn_or_fail("reader", wait_for_a_key, &scene, { .priority = 0 });
    sched::sleep_for(2 * TICK_NS); // the reader runs and waits
    sched::Thread* spinner = spawn_or_fail("user-spinner", spin_until_stopped, &scene, { .priority = 4 });
    if (!reader || !spinner)
        return;
    KTEST_EXPECT(reader->state == sched::ThreadState::Blocked);
    KTEST_EXPECT(sched::set_priority_for_user(spinner->id, 31).error().code() == kstd::Errno::PermissionDenied);
    KTEST_EXPECT(sched::set_priority_for_user(spinner->id, 16).error().code() == kstd::Errno::PermissionDenied);
    KTEST_EXPECT(!sched::set_priority_for_user(spinner->id, 15).is_error());
    KTEST_EXPECT(spinner->base_priority == 15);
    sched::sleep_for(3 * TICK_NS); // the spinner has the CPU
    uint64_t woken_at_tick;
    {
        ksync::InterruptGuard guard;
        scene.key_arrived = true;
        KTEST_EXPECT(scene.readers.wake_all_boosted(sched::INTERACTIVE_PRIORITY) == 1);
        woken_at_tick = ktime::tick_count();
    }
    sched::join(reader); // the test thread steps aside: the reader or the spinner runs
    uint64_t waited = scene.read_at_tick - woken_at_tick;
    scene.stop_spinning = true;
    sched::join(spinner);
    KTEST_EXPECT(scene.read_at_tick != 0 && waited <= 1);
    if (waited > 1)
        console::println("    the reader ran {} ticks after its key", waited);
}

KTEST(sleep_wakes_within_two_ticks_of_its_deadline)
{
    for (uint64_t duration : { 1 * MILLISECOND, 15 * MILLISECOND, 42 * MILLISECOND }) {
        uint64_t start = hal::clock_ns();
        uint64_t start_tick = ktime::tick_count();
        sched::sleep_for(duration);
        uint64_t slept_ticks = ktime::tick_count() - start_tick;
        uint64_t slept = hal::clock_ns() - start;
        KTEST_EXPECT(slept >= duration);
        KTEST_EXPECT(!late_by_both(slept - duration, slept_ticks, (duration + TICK_NS - 1) / TICK_NS + 2));
    }
}

namespace {

struct Exchange {
    sched::Semaphore items;
    sched::Semaphore spaces { 1 };
    sched::Mutex lock;
    sched::ConditionVariable changed;
    uint64_t slot = 0;
    uint64_t total = 0;
    unsigned finished = 0;
};

constexpr uint64_t ITEMS = 200;

void produce(void* argument)
{
    auto& exchange = *static_cast<Exchange*>(argument);
    for (uint64_t item = 1; item <= ITEMS; ++item) {
        exchange.spaces.wait();
        exchange.slot = item;
        exchange.items.post();
    }
    sched::MutexLocker locked(exchange.lock);
    ++exchange.finished;
    exchange.changed.notify_all();
}

void consume(void* argument)
{
    auto& exchange = *static_cast<Exchange*>(argument);
    for (uint64_t item = 1; item <= ITEMS; ++item) {
        exchange.items.wait();
        exchange.total += exchange.slot;
        exchange.spaces.post();
    }
    sched::MutexLocker locked(exchange.lock);
    ++exchange.finished;
    exchange.changed.notify_all();
}

} // namespace

KTEST(semaphores_mutex_and_condition_variable_hand_work_over)
{
    Exchange exchange;
    sched::Thread* producer = spawn_or_fail("producer", produce, &exchange);
    sched::Thread* consumer = spawn_or_fail("consumer", consume, &exchange);
    {
        sched::MutexLocker locked(exchange.lock);
        while (exchange.finished < 2)
            exchange.changed.wait(exchange.lock);
    }
    if (producer)
        sched::join(producer);
    if (consumer)
        sched::join(consumer);
    KTEST_EXPECT(exchange.total == ITEMS * (ITEMS + 1) / 2);
    KTEST_EXPECT(!sched::Semaphore().wait_until(hal::clock_ns() + TICK_NS)); // times out
}

namespace {

void wait_forever(void* argument)
{
    static_cast<sched::Semaphore*>(argument)->wait();
}

void do_nothing(void*) {}

} // namespace

KTEST(kill_ends_killable_threads_and_refuses_the_others)
{
    uint64_t deadline = hal::clock_ns() + 1000 * TICK_NS;
    Spinner spinner { deadline };
    sched::Semaphore never;
    sched::Thread* busy = spawn_or_fail("killable-busy", spin_until_deadline, &spinner, { .killable = true });
    sched::Thread* blocked = spawn_or_fail("killable-blocked", wait_forever, &never, { .killable = true });
    sched::Thread* protected_thread = spawn_or_fail("not-killable", wait_forever, &never);
    sched::sleep_for(2 * TICK_NS); // let them start
    if (!busy || !blocked || !protected_thread)
        return;
    KTEST_EXPECT(!sched::kill(busy->id).is_error());
    KTEST_EXPECT(!sched::kill(blocked->id).is_error());
    KTEST_EXPECT(sched::kill(protected_thread->id).error().code() == kstd::Errno::NotPermitted);
    KTEST_EXPECT(sched::kill(999'999).error().code() == kstd::Errno::NoSuchProcess);
    KTEST_EXPECT(sched::join(busy) == sched::KILLED_STATUS);
    KTEST_EXPECT(sched::join(blocked) == sched::KILLED_STATUS);
    KTEST_EXPECT(hal::clock_ns() < deadline); // the busy one did not just run out its time
    never.post();
    KTEST_EXPECT(sched::join(protected_thread) == 0);
}

// A killed thread ends at once even below a busy thread of higher priority (else it would
// stay listed, holding its memory, until aging lifted it past the busy one: 11 levels x 50
// ticks here).
KTEST(a_killed_thread_ends_at_once_below_a_busy_one)
{
    InputScene scene;
    scene.give_up_ns = hal::clock_ns() + 3000 * MILLISECOND;
    Spinner low_spinner { scene.give_up_ns };
    sched::Thread* low = spawn_or_fail("killable-low", spin_until_deadline, &low_spinner,
                                       { .priority = 4, .killable = true });
    sched::Thread* hog = spawn_or_fail("hog", spin_until_stopped, &scene, { .priority = 15 });
    sched::sleep_for(2 * TICK_NS); // the hog has the CPU, low waits its turn
    if (!low || !hog)
        return;
    KTEST_EXPECT(low->state == sched::ThreadState::Ready);
    uint64_t killed_at_tick = ktime::tick_count();
    KTEST_EXPECT(!sched::kill(low->id).is_error());
    KTEST_EXPECT(sched::join(low) == sched::KILLED_STATUS);
    uint64_t took = ktime::tick_count() - killed_at_tick;
    scene.stop_spinning = true;
    sched::join(hog);
    KTEST_EXPECT(took <= 2);
}

namespace {

void sleep_long(void*)
{
    sched::sleep_for(1000 * TICK_NS);
}

} // namespace

// A thread killed in a timed wait ends with its deadline timer disarmed (else freeing it
// would meet an armed timer), and the kernel's timer queue is back where it was.
KTEST(a_thread_killed_in_a_timed_wait_leaves_no_timer_behind)
{
    sched::Thread* sleeper = spawn_or_fail("killable-sleeper", sleep_long, nullptr, { .killable = true });
    if (!sleeper)
        return;
    sched::sleep_for(2 * TICK_NS);
    KTEST_EXPECT(sleeper->state == sched::ThreadState::Blocked);
    KTEST_EXPECT(!sched::kill(sleeper->id).is_error());
    KTEST_EXPECT(sched::join(sleeper) == sched::KILLED_STATUS);
}

KTEST(a_thousand_threads_come_and_go_without_a_trace)
{
    size_t threads_before = sched::thread_count();
    ktest_support::expect_no_trace([] {
        constexpr size_t COUNT = 1000;
        static sched::Thread* threads[COUNT];
        for (size_t index = 0; index < COUNT; ++index)
            threads[index] = spawn_or_fail("short-lived", do_nothing, nullptr);
        for (size_t index = 0; index < COUNT; ++index)
            if (threads[index])
                KTEST_EXPECT(sched::join(threads[index]) == 0);
    });
    KTEST_EXPECT(sched::thread_count() == threads_before);
}
