// The executor: deduplicated wakes, rounds that a self-waking task cannot hog, stale
// wakers, parking when idle, and destroying the tasks that are left.
#include "async_test_support.hpp"

#include <async/wait.hpp>

#include <vector>

namespace {

using async::Task;
using async::Waker;
using async_test::AsyncTest;

// Waits for `slot` to be woken, for ever, counting its polls.
Task<void> wait_in_a_loop(Waker& slot, unsigned& polls)
{
    for (;;) {
        ++polls;
        co_await async::wait_for_wake(slot);
    }
}

Task<void> yield_for_ever(unsigned& polls)
{
    for (;;) {
        ++polls;
        co_await async::yield_now();
    }
}

Task<void> wait_once(Waker& slot, bool& done)
{
    co_await async::wait_for_wake(slot);
    done = true;
}

TEST_F(AsyncTest, ExecutorPollsATaskWokenManyTimesOncePerRound)
{
    unsigned polls = 0;
    ASSERT_FALSE(executor.spawn(wait_in_a_loop(slot, polls)).is_error());
    EXPECT_EQ(executor.run_round(), 1u);
    EXPECT_EQ(polls, 1u);
    for (unsigned round = 2; round <= 4; ++round) {
        ASSERT_FALSE(slot.is_empty());
        for (int wake = 0; wake < 1000; ++wake)
            slot.wake();
        EXPECT_EQ(executor.run_round(), 1u);
        EXPECT_EQ(polls, round);
    }
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(polls, 4u);
}

TEST_F(AsyncTest, ExecutorLetsASelfWakingTaskRunOncePerRoundBesideTheOthers)
{
    unsigned yields = 0;
    bool done = false;
    ASSERT_FALSE(executor.spawn(yield_for_ever(yields)).is_error());
    ASSERT_FALSE(executor.spawn(wait_once(slot, done)).is_error());
    EXPECT_EQ(executor.run_round(), 2u);
    slot.wake();
    EXPECT_EQ(executor.run_round(), 2u) << "the yielder and the woken task, once each";
    EXPECT_TRUE(done);
    EXPECT_EQ(executor.task_count(), 1u);
    EXPECT_FALSE(executor.run_until_idle(10)) << "the yielder is never idle";
    EXPECT_EQ(yields, 12u);
}

TEST_F(AsyncTest, ExecutorIgnoresAWakerFromAWaitTheTaskHasLeft)
{
    unsigned polls = 0;
    ASSERT_FALSE(executor.spawn(wait_in_a_loop(slot, polls)).is_error());
    EXPECT_TRUE(executor.run_until_idle());
    Waker first_wait = slot;
    first_wait.wake();
    EXPECT_EQ(executor.run_round(), 1u);
    EXPECT_EQ(polls, 2u);
    first_wait.wake(); // the task waits again, on a new Waker
    EXPECT_EQ(executor.run_round(), 0u);
    EXPECT_EQ(polls, 2u);
}

TEST_F(AsyncTest, ExecutorUnparksOnceWhenTheReadyListFillsUp)
{
    unsigned first_polls = 0, second_polls = 0;
    ASSERT_FALSE(executor.spawn(wait_in_a_loop(slot, first_polls)).is_error());
    ASSERT_FALSE(executor.spawn(wait_in_a_loop(other_slot, second_polls)).is_error());
    EXPECT_EQ(parker.unparks, 1u);
    EXPECT_TRUE(executor.run_until_idle());
    for (int wake = 0; wake < 1000; ++wake) {
        slot.wake();
        other_slot.wake();
    }
    EXPECT_EQ(parker.unparks, 2u);
    EXPECT_EQ(parker.parks, 0u) << "run_until_idle never parks";
}

TEST_F(AsyncTest, ExecutorRunParksWhenIdleUntilStopped)
{
    bool done = false;
    ASSERT_FALSE(executor.spawn(wait_once(slot, done)).is_error());
    std::vector<size_t> tasks_at_park;
    parker.on_park = [&] {
        tasks_at_park.push_back(executor.task_count());
        if (done)
            executor.stop();
        else
            slot.wake(); // as an IRQ would while the thread sleeps
    };
    executor.run();
    EXPECT_TRUE(done);
    EXPECT_EQ(tasks_at_park, (std::vector<size_t> { 1, 0 }));
    EXPECT_EQ(parker.parks, 2u);
}

TEST_F(AsyncTest, ExecutorDestroysUnfinishedTasksWithItself)
{
    size_t bytes_before = heap_bytes_in_use();
    unsigned polls = 0;
    {
        async::Executor short_lived(parker, timers, async_test::fake_clock);
        ASSERT_FALSE(short_lived.spawn(wait_in_a_loop(slot, polls)).is_error());
        EXPECT_TRUE(short_lived.run_until_idle());
        EXPECT_GT(heap_bytes_in_use(), bytes_before);
        EXPECT_FALSE(slot.is_empty());
    }
    EXPECT_EQ(heap_bytes_in_use(), bytes_before);
    EXPECT_TRUE(slot.is_empty()) << "the wait, destroyed with its frame, let go of the slot";
}

} // namespace
