// sched::RunQueue: priority order, round robin within a level, the ready bitmap against a
// reference set, aging (a starved thread climbs to the top and is picked in bounded time,
// then drops back to its base), set_base_priority, remove, and panics on misuse.
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>

#include <sched/run_queue.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

namespace {

using sched::HIGHEST_PRIORITY;
using sched::LOWEST_PRIORITY;
using sched::RunQueue;
using sched::Schedulable;

constexpr uint64_t STARVATION_TICKS = RunQueue::STARVATION_TICKS;

// Declare threads before the queue, so the queue (which unlinks them) goes first.
struct Thread : Schedulable {
    explicit Thread(unsigned priority = sched::DEFAULT_PRIORITY)
    {
        base_priority = uint8_t(priority);
        effective_priority = uint8_t(priority);
    }
};

TEST(RunQueue, PicksTheHighestPriorityFirst)
{
    Thread low(LOWEST_PRIORITY), middle(12), high(HIGHEST_PRIORITY);
    RunQueue queue;
    EXPECT_TRUE(queue.is_empty());
    EXPECT_EQ(queue.highest_ready_priority(), -1);
    EXPECT_EQ(queue.pick_next(), nullptr);
    queue.enqueue(middle, 0);
    queue.enqueue(low, 0);
    queue.enqueue(high, 0);
    EXPECT_EQ(queue.size(), 3u);
    EXPECT_EQ(queue.highest_ready_priority(), int(HIGHEST_PRIORITY));
    EXPECT_EQ(queue.pick_next(), &high);
    EXPECT_EQ(queue.highest_ready_priority(), 12);
    EXPECT_EQ(queue.pick_next(), &middle);
    EXPECT_EQ(queue.pick_next(), &low);
    EXPECT_EQ(queue.pick_next(), nullptr);
    EXPECT_TRUE(queue.is_empty());
}

TEST(RunQueue, RoundRobinWithinALevel)
{
    Thread a, b, c;
    RunQueue queue;
    for (Thread* thread : { &a, &b, &c })
        queue.enqueue(*thread, 0);
    std::vector<Schedulable*> order;
    for (uint64_t tick = 1; tick <= 6; ++tick) {
        Schedulable* next = queue.pick_next();
        order.push_back(next);
        queue.enqueue(*next, tick); // its slice ran out: back to the tail
    }
    EXPECT_EQ(order, (std::vector<Schedulable*> { &a, &b, &c, &a, &b, &c }));
}

TEST(RunQueue, EnqueueFrontRunsNextWithinItsLevel)
{
    Thread a, b, preempted, higher(sched::DEFAULT_PRIORITY + 1);
    RunQueue queue;
    queue.enqueue(a, 0);
    queue.enqueue(b, 0);
    queue.enqueue_front(preempted, 3);
    queue.enqueue(higher, 3);
    EXPECT_EQ(preempted.ready_since_tick, 3u);
    EXPECT_EQ(queue.pick_next(), &higher);
    EXPECT_EQ(queue.pick_next(), &preempted);
    EXPECT_EQ(queue.pick_next(), &a);
}

TEST(RunQueue, BitmapFollowsRandomEnqueuesAndRemoves)
{
    std::vector<Thread> threads(300);
    RunQueue queue;
    std::mt19937 random(7);
    std::set<Thread*> queued;
    auto expected_highest = [&] {
        int highest = -1;
        for (Thread* thread : queued)
            highest = std::max(highest, int(thread->base_priority));
        return highest;
    };
    for (int step = 0; step < 5000; ++step) {
        Thread& thread = threads[random() % threads.size()];
        if (queued.count(&thread)) {
            queue.remove(thread);
            queued.erase(&thread);
        } else {
            thread.base_priority = thread.effective_priority = uint8_t(random() % 8 * 4 + 3);
            queue.enqueue(thread, uint64_t(step));
            queued.insert(&thread);
        }
        ASSERT_EQ(queue.highest_ready_priority(), expected_highest());
        ASSERT_EQ(queue.size(), queued.size());
        ASSERT_TRUE(queue.contains(thread) == bool(queued.count(&thread)));
    }
    for (int expected = expected_highest(); expected >= 0; expected = expected_highest()) {
        Schedulable* next = queue.pick_next();
        ASSERT_EQ(next->base_priority, expected);
        queued.erase(static_cast<Thread*>(next));
    }
    EXPECT_TRUE(queue.is_empty());
}

// Each tick: age, run the first ready thread for the tick, and requeue it unless it is
// `starved`. Returns the tick at which `starved` was picked.
uint64_t ticks_until_picked(RunQueue& queue, Thread& starved)
{
    for (uint64_t tick = 1; tick < 10 * sched::PRIORITY_LEVELS * STARVATION_TICKS; ++tick) {
        queue.age(tick);
        uint64_t climbed
            = std::min<uint64_t>(tick / STARVATION_TICKS, HIGHEST_PRIORITY - starved.base_priority);
        EXPECT_EQ(starved.effective_priority, starved.base_priority + climbed) << "tick " << tick;
        Schedulable* next = queue.pick_next();
        if (next == &starved)
            return tick;
        queue.enqueue(*next, tick);
    }
    ADD_FAILURE() << "never picked";
    return 0;
}

TEST(RunQueue, AgingLetsAStarvedThreadReachTheTopAndRun)
{
    for (unsigned base : { 0u, 9u, 16u, 30u }) {
        SCOPED_TRACE(base);
        Thread starved(base), busy_a(HIGHEST_PRIORITY), busy_b(HIGHEST_PRIORITY);
        RunQueue queue;
        queue.enqueue(busy_a, 0);
        queue.enqueue(busy_b, 0);
        queue.enqueue(starved, 0);
        uint64_t reaches_top = (HIGHEST_PRIORITY - base) * STARVATION_TICKS;
        // At the top it waits its turn behind the two busy threads.
        EXPECT_EQ(ticks_until_picked(queue, starved), reaches_top + 2);
        EXPECT_EQ(starved.effective_priority, base);
    }
}

// Below the top it need only climb to the busy level and join its round robin.
TEST(RunQueue, AStarvedThreadJoinsTheRoundRobinOfTheBusyLevel)
{
    Thread starved(4), busy_a(20), busy_b(20), busy_c(20);
    RunQueue queue;
    for (Thread* thread : { &busy_a, &busy_b, &busy_c, &starved })
        queue.enqueue(*thread, 0);
    EXPECT_EQ(ticks_until_picked(queue, starved), (20 - 4) * STARVATION_TICKS + 3);
    EXPECT_EQ(starved.effective_priority, 4);
}

TEST(RunQueue, AgingLiftsOnlyTheHeadOfEachLevelPerTick)
{
    Thread first(5), second(5), late(7), top(HIGHEST_PRIORITY);
    RunQueue queue;
    queue.enqueue(first, 0);
    queue.enqueue(second, 0);
    queue.enqueue(late, 30);
    queue.enqueue(top, 0);
    queue.age(STARVATION_TICKS - 1);
    EXPECT_EQ(first.effective_priority, 5);
    queue.age(STARVATION_TICKS);
    EXPECT_EQ(first.effective_priority, 6);
    EXPECT_EQ(first.ready_since_tick, STARVATION_TICKS);
    EXPECT_EQ(second.effective_priority, 5);
    EXPECT_EQ(late.effective_priority, 7);
    queue.age(STARVATION_TICKS + 1);
    EXPECT_EQ(second.effective_priority, 6);
    EXPECT_EQ(first.effective_priority, 6);
    queue.age(30 + STARVATION_TICKS);
    EXPECT_EQ(late.effective_priority, 8);
    EXPECT_EQ(top.effective_priority, HIGHEST_PRIORITY);
    EXPECT_EQ(queue.size(), 4u);
}

TEST(RunQueue, SetBasePriorityRequeuesAQueuedThread)
{
    Thread raised(10), waiting(20), idle(3);
    RunQueue queue;
    queue.enqueue(raised, 5);
    queue.enqueue(waiting, 6);
    queue.set_base_priority(raised, 20);
    EXPECT_TRUE(queue.contains(raised));
    EXPECT_EQ(raised.effective_priority, 20);
    EXPECT_EQ(raised.ready_since_tick, 5u);
    EXPECT_EQ(queue.highest_ready_priority(), 20);
    EXPECT_EQ(queue.pick_next(), &waiting); // it joined level 20 at the tail
    EXPECT_EQ(queue.pick_next(), &raised);
    EXPECT_EQ(raised.base_priority, 20);

    queue.set_base_priority(idle, 1); // not queued: only the fields change
    EXPECT_FALSE(queue.contains(idle));
    EXPECT_EQ(idle.base_priority, 1);
    EXPECT_EQ(idle.effective_priority, 1);
    EXPECT_TRUE(queue.is_empty());
}

TEST(RunQueue, RemoveTakesAnAgedThreadBackToItsBase)
{
    Thread aged(2), other(2);
    RunQueue queue;
    queue.enqueue(aged, 0);
    queue.enqueue(other, 0);
    queue.age(STARVATION_TICKS);
    EXPECT_EQ(aged.effective_priority, 3);
    queue.remove(aged);
    EXPECT_FALSE(queue.contains(aged));
    EXPECT_EQ(aged.effective_priority, 2);
    EXPECT_EQ(queue.highest_ready_priority(), 2);
    queue.remove(other);
    EXPECT_EQ(queue.highest_ready_priority(), -1);
    EXPECT_TRUE(queue.is_empty());
}

TEST(RunQueueDeathTest, EnqueueOfAQueuedThreadPanics)
{
    Thread thread;
    RunQueue queue;
    queue.enqueue(thread, 0);
    EXPECT_PANIC_MATCHING(queue.enqueue(thread, 1), "already queued was enqueued again");
    EXPECT_PANIC_MATCHING(queue.enqueue_front(thread, 1), "already queued was enqueued again");
}

TEST(RunQueueDeathTest, PriorityOutOfRangePanics)
{
    Thread thread(sched::PRIORITY_LEVELS), queued;
    RunQueue queue;
    EXPECT_PANIC_MATCHING(queue.enqueue(thread, 0), "base priority 32 is out of range 0..31");
    EXPECT_PANIC_MATCHING(queue.set_base_priority(queued, 40), "priority 40 is out of range");
}

TEST(RunQueueDeathTest, RemoveOfAThreadNotQueuedPanics)
{
    Thread thread, elsewhere;
    RunQueue queue, other_queue;
    other_queue.enqueue(elsewhere, 0);
    EXPECT_PANIC_MATCHING(queue.remove(thread), "not on this run queue");
    EXPECT_PANIC_MATCHING(queue.remove(elsewhere), "not on this run queue");
}

} // namespace
