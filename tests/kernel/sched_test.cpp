// In-kernel tests of threads and the scheduler, on x86_64 under QEMU and in the sim: time
// slicing between busy threads (preemption), a higher priority taking the CPU from a lower
// one, sleep precision, the blocking primitives, kill, and 1,000 threads that leave no
// trace. The busy loops read hal::clock_ns(): that is their deadline, and in the sim under
// TSan (which holds back the preemption signal) a HAL call is where interrupts get in.
#include "footprint.hpp"

#include <hal/timer.hpp>
#include <ktest/ktest.hpp>
#include <sched/scheduler.hpp>
#include <sched/sync.hpp>
#include <time/tick.hpp>

namespace {

constexpr uint64_t MILLISECOND = 1'000'000;
constexpr uint64_t TICK_NS = 1'000'000'000 / ktime::TICK_HZ;

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

// If there were no preemption, the first spinner would run to the deadline and the second
// would start after it and count nothing.
KTEST(busy_threads_of_one_priority_share_the_cpu)
{
    uint64_t deadline = hal::clock_ns() + 30 * TICK_NS;
    Spinner first { deadline };
    Spinner second { deadline };
    sched::Thread* a = spawn_or_fail("spinner-a", spin_until_deadline, &first);
    sched::Thread* b = spawn_or_fail("spinner-b", spin_until_deadline, &second);
    if (a)
        sched::join(a);
    if (b)
        sched::join(b);
    KTEST_EXPECT(first.iterations > 100 && second.iterations > 100);
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
    uint64_t deadline = hal::clock_ns() + HIGH_SLEEP_TICKS * TICK_NS;
    sched::sleep_until(deadline);
    scene.high_late_ns = hal::clock_ns() - deadline;
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
    KTEST_EXPECT(scene.high_late_ns <= 2 * TICK_NS);     // and lost the CPU at once
    KTEST_EXPECT(!scene.low_ran_while_high_ran);
}

KTEST(sleep_wakes_within_two_ticks_of_its_deadline)
{
    for (uint64_t duration : { 1 * MILLISECOND, 15 * MILLISECOND, 42 * MILLISECOND }) {
        uint64_t start = hal::clock_ns();
        sched::sleep_for(duration);
        uint64_t late = hal::clock_ns() - start - duration;
        KTEST_EXPECT(hal::clock_ns() - start >= duration);
        KTEST_EXPECT(late <= 2 * TICK_NS);
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
