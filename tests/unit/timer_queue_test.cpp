// ktime::TimerQueue with a fake clock: expiry order, ties in arming order, cancelling the
// earliest, a middle and the last timer, callbacks that re-arm or arm timers already due,
// and thousands of random arms, cancels and expiries against a std::multimap model.
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>

#include <time/timer_queue.hpp>

#include <map>
#include <random>
#include <vector>

namespace {

using ktime::Timer;
using ktime::TimerQueue;

std::vector<const Timer*> fired_timers;

void record_firing(Timer& timer)
{
    fired_timers.push_back(&timer);
}

class TimerQueueTest : public ::testing::Test {
protected:
    void SetUp() override { fired_timers.clear(); }
};

using Fired = std::vector<const Timer*>;

// Each test declares its timers before its queue, so the queue, which disarms what is
// left, goes first even when a failed assertion cuts the test short.

TEST_F(TimerQueueTest, ExpiresInDeadlineOrder)
{
    Timer at_100, at_200, at_300, at_500;
    TimerQueue queue;
    EXPECT_FALSE(queue.next_deadline().has_value());
    queue.arm(at_300, 300, record_firing);
    queue.arm(at_100, 100, record_firing);
    queue.arm(at_500, 500, record_firing);
    queue.arm(at_200, 200, record_firing);
    EXPECT_EQ(queue.size(), 4u);
    EXPECT_TRUE(at_100.is_armed());
    EXPECT_EQ(queue.next_deadline().value(), 100u);

    queue.expire(99);
    EXPECT_TRUE(fired_timers.empty());
    queue.expire(250);
    EXPECT_EQ(fired_timers, (Fired { &at_100, &at_200 }));
    EXPECT_FALSE(at_100.is_armed());
    EXPECT_EQ(queue.next_deadline().value(), 300u);
    queue.expire(1000);
    EXPECT_EQ(fired_timers, (Fired { &at_100, &at_200, &at_300, &at_500 }));
    EXPECT_TRUE(queue.is_empty());
    EXPECT_FALSE(queue.next_deadline().has_value());
}

TEST_F(TimerQueueTest, EqualDeadlinesExpireInArmingOrder)
{
    Timer timers[12];
    TimerQueue queue;
    Fired arming_order;
    for (size_t index : { 7, 2, 11, 0, 5, 9, 1, 10, 3, 8, 6, 4 }) {
        queue.arm(timers[index], 40, record_firing);
        arming_order.push_back(&timers[index]);
    }
    // Re-arming counts as arming anew: timers[7] goes from first to last.
    EXPECT_TRUE(queue.cancel(timers[7]));
    queue.arm(timers[7], 40, record_firing);
    arming_order.erase(arming_order.begin());
    arming_order.push_back(&timers[7]);
    queue.expire(40);
    EXPECT_EQ(fired_timers, arming_order);
}

TEST_F(TimerQueueTest, CancelTheEarliestAMiddleAndTheLast)
{
    Timer timers[6];
    TimerQueue queue;
    for (size_t index = 0; index < 6; ++index)
        queue.arm(timers[index], 10 * (index + 1), record_firing);
    EXPECT_TRUE(queue.cancel(timers[0]));
    EXPECT_EQ(queue.next_deadline().value(), 20u);
    EXPECT_TRUE(queue.cancel(timers[3]));
    EXPECT_TRUE(queue.cancel(timers[5]));
    EXPECT_FALSE(queue.cancel(timers[5]));
    EXPECT_FALSE(timers[3].is_armed());
    EXPECT_EQ(queue.size(), 3u);
    queue.expire(100);
    EXPECT_EQ(fired_timers, (Fired { &timers[1], &timers[2], &timers[4] }));
}

TEST_F(TimerQueueTest, DestroyingTheQueueDisarmsItsTimers)
{
    Timer first, second;
    {
        TimerQueue queue;
        queue.arm(first, 10, record_firing);
        queue.arm(second, 20, record_firing);
    }
    EXPECT_FALSE(first.is_armed());
    EXPECT_FALSE(second.is_armed());
    EXPECT_TRUE(fired_timers.empty());
}

struct PeriodicTimer : Timer {
    TimerQueue* queue = nullptr;
    uint64_t period_ns = 0;
    std::vector<uint64_t> runs;

    static void run(Timer& timer)
    {
        auto& self = static_cast<PeriodicTimer&>(timer);
        self.runs.push_back(self.deadline_ns());
        self.queue->arm(self, self.deadline_ns() + self.period_ns, run);
    }
};

TEST_F(TimerQueueTest, PeriodicTimerCatchesUpWithinOneExpire)
{
    PeriodicTimer periodic;
    Timer one_shot;
    TimerQueue queue;
    periodic.queue = &queue;
    periodic.period_ns = 100;
    queue.arm(periodic, 100, PeriodicTimer::run);
    queue.arm(one_shot, 250, record_firing);
    queue.expire(50);
    EXPECT_TRUE(periodic.runs.empty());
    queue.expire(420);
    EXPECT_EQ(periodic.runs, (std::vector<uint64_t> { 100, 200, 300, 400 }));
    EXPECT_EQ(fired_timers, (Fired { &one_shot }));
    EXPECT_EQ(queue.next_deadline().value(), 500u);
}

struct ArmingTimer : Timer {
    TimerQueue* queue = nullptr;
    Timer* target = nullptr;
    uint64_t target_deadline_ns = 0;

    static void run(Timer& timer)
    {
        auto& self = static_cast<ArmingTimer&>(timer);
        record_firing(self);
        self.queue->arm(*self.target, self.target_deadline_ns, record_firing);
    }
};

TEST_F(TimerQueueTest, TimersArmedByCallbacksRunWhenAlreadyDue)
{
    ArmingTimer arms_overdue, arms_future;
    Timer overdue, later, future;
    TimerQueue queue;
    arms_overdue.queue = arms_future.queue = &queue;
    arms_overdue.target = &overdue;
    arms_overdue.target_deadline_ns = 5; // already past: runs next, before `later`
    arms_future.target = &future;
    arms_future.target_deadline_ns = 31; // after now: waits for the next expire
    queue.arm(arms_overdue, 10, ArmingTimer::run);
    queue.arm(later, 20, record_firing);
    queue.arm(arms_future, 20, ArmingTimer::run);
    queue.expire(30);
    EXPECT_EQ(fired_timers, (Fired { &arms_overdue, &overdue, &later, &arms_future }));
    EXPECT_TRUE(future.is_armed());
    EXPECT_EQ(queue.next_deadline().value(), 31u);
    queue.expire(31);
    EXPECT_EQ(fired_timers.back(), &future);
    EXPECT_TRUE(queue.is_empty());
}

// Deadlines on a coarse grid, so that many tie; the model's equal keys keep insertion
// order, which is the queue's arming order.
TEST_F(TimerQueueTest, RandomOperationsMatchAMultimapModel)
{
    std::vector<Timer> timers(4000);
    TimerQueue queue;
    std::multimap<uint64_t, const Timer*> model;
    std::mt19937_64 random(2024);
    uint64_t now = 0;
    auto erase_from_model = [&](const Timer& timer) {
        auto [first, last] = model.equal_range(timer.deadline_ns());
        for (auto entry = first; entry != last; ++entry) {
            if (entry->second == &timer) {
                model.erase(entry);
                return;
            }
        }
        FAIL() << "armed timer missing from the model";
    };
    for (int step = 0; step < 60000; ++step) {
        Timer& timer = timers[random() % timers.size()];
        unsigned action = random() % 10;
        if (action < 6 && !timer.is_armed()) {
            uint64_t deadline = now + random() % 64 * 250;
            queue.arm(timer, deadline, record_firing);
            model.emplace(deadline, &timer);
        } else if (action < 8) {
            bool was_armed = timer.is_armed();
            if (was_armed)
                erase_from_model(timer);
            ASSERT_EQ(queue.cancel(timer), was_armed);
        } else {
            now += random() % 600;
            Fired expected;
            while (!model.empty() && model.begin()->first <= now) {
                expected.push_back(model.begin()->second);
                model.erase(model.begin());
            }
            fired_timers.clear();
            queue.expire(now);
            ASSERT_EQ(fired_timers, expected) << "step " << step;
        }
        ASSERT_EQ(queue.size(), model.size());
        if (model.empty())
            ASSERT_FALSE(queue.next_deadline().has_value());
        else
            ASSERT_EQ(queue.next_deadline().value(), model.begin()->first) << "step " << step;
    }
    fired_timers.clear();
    queue.expire(UINT64_MAX);
    EXPECT_EQ(fired_timers.size(), model.size());
    EXPECT_TRUE(queue.is_empty());
}

TEST(TimerQueueDeathTest, ArmingAnArmedTimerPanics)
{
    Timer timer;
    TimerQueue queue;
    queue.arm(timer, 10, record_firing);
    EXPECT_PANIC_MATCHING(queue.arm(timer, 20, record_firing), "arming a timer that is already armed");
}

TEST(TimerQueueDeathTest, CancelOnAnotherQueuePanics)
{
    Timer timer;
    TimerQueue queue, other_queue;
    queue.arm(timer, 10, record_firing);
    EXPECT_PANIC_MATCHING(other_queue.cancel(timer), "cancelling a timer armed on another queue");
}

} // namespace
