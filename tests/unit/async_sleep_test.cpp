// Sleeps: woken by the timer queue in deadline order as the fake clock advances, never by
// polling; a passed deadline does not suspend; destroying a sleeping task cancels its timer.
#include "async_test_support.hpp"

#include <async/sleep.hpp>

#include <vector>

namespace {

using async::Task;
using async_test::AsyncTest;
using async_test::MILLISECOND;

Task<void> sleep_then_record(uint64_t duration_ns, std::vector<uint64_t>& woken)
{
    co_await async::sleep_for(duration_ns);
    woken.push_back(duration_ns / MILLISECOND);
}

TEST_F(AsyncTest, SleepersWakeInDeadlineOrderOnlyAsTheClockAdvances)
{
    std::vector<uint64_t> woken;
    for (uint64_t milliseconds : { 30, 10, 20 })
        ASSERT_FALSE(executor.spawn(sleep_then_record(milliseconds * MILLISECOND, woken)).is_error());
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(timers.size(), 3u);
    EXPECT_TRUE(executor.run_until_idle()) << "nothing to poll while the clock stands still";
    EXPECT_TRUE(woken.empty());

    advance_to(9 * MILLISECOND);
    EXPECT_EQ(executor.run_round(), 0u);
    advance_to(10 * MILLISECOND);
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(woken, (std::vector<uint64_t> { 10 }));
    advance_to(35 * MILLISECOND);
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(woken, (std::vector<uint64_t> { 10, 20, 30 }));
    EXPECT_EQ(executor.task_count(), 0u);
    EXPECT_TRUE(timers.is_empty());
}

Task<void> sleep_until_then_count(uint64_t deadline_ns, unsigned& wakes)
{
    co_await async::sleep_until(deadline_ns);
    ++wakes;
}

TEST_F(AsyncTest, SleepUntilIsOnTheExecutorsClockAndAPassedDeadlineDoesNotSuspend)
{
    advance_to(50 * MILLISECOND);
    unsigned wakes = 0;
    ASSERT_FALSE(executor.spawn(sleep_until_then_count(40 * MILLISECOND, wakes)).is_error());
    ASSERT_FALSE(executor.spawn(sleep_until_then_count(60 * MILLISECOND, wakes)).is_error());
    EXPECT_EQ(executor.run_round(), 2u);
    EXPECT_EQ(wakes, 1u) << "the passed deadline finished in its first poll";
    EXPECT_EQ(timers.next_deadline().value(), 60 * MILLISECOND);
    advance_to(60 * MILLISECOND);
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(wakes, 2u);
}

TEST_F(AsyncTest, SleepForEverStaysInTheFuture)
{
    advance_to(5 * MILLISECOND);
    unsigned wakes = 0;
    ASSERT_FALSE(executor.spawn(sleep_until_then_count(UINT64_MAX, wakes)).is_error());
    std::vector<uint64_t> woken;
    ASSERT_FALSE(executor.spawn(sleep_then_record(UINT64_MAX, woken)).is_error());
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(timers.size(), 2u);
    EXPECT_EQ(timers.next_deadline().value(), UINT64_MAX);
}

Task<void> sleep_inside(uint64_t duration_ns)
{
    co_await async::sleep_for(duration_ns);
}

Task<void> await_a_sleeping_child(bool& finished)
{
    co_await sleep_inside(10 * MILLISECOND);
    finished = true;
}

TEST_F(AsyncTest, SleepIsCancelledWhenItsTaskIsDestroyed)
{
    size_t bytes_before = heap_bytes_in_use();
    bool finished = false;
    {
        async::Executor short_lived(parker, timers, async_test::fake_clock);
        ASSERT_FALSE(short_lived.spawn(await_a_sleeping_child(finished)).is_error());
        EXPECT_TRUE(short_lived.run_until_idle());
        EXPECT_EQ(timers.size(), 1u);
    }
    EXPECT_TRUE(timers.is_empty()) << "the child's timer went with the task";
    EXPECT_EQ(heap_bytes_in_use(), bytes_before);
    advance_to(20 * MILLISECOND); // no callback into the freed frame (ASan would see it)
    EXPECT_FALSE(finished);
}

} // namespace
