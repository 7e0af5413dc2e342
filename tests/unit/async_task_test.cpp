// Tasks: values through nested awaits (a nested task that suspends is resumed where it
// waits), frames on the kernel heap, and out of memory as ENOMEM instead of a panic.
#include "async_test_support.hpp"

#include <async/sleep.hpp>
#include <async/wait.hpp>

#include <vector>

namespace {

using async::Task;
using async_test::AsyncTest;
using async_test::MILLISECOND;

Task<int> leaf(int value, std::vector<int>& trace)
{
    trace.push_back(value);
    co_await async::yield_now();
    trace.push_back(-value);
    co_return value * 10;
}

Task<int> middle(std::vector<int>& trace)
{
    int first = co_await leaf(1, trace);
    co_await async::sleep_for(5 * MILLISECOND);
    int second = co_await leaf(2, trace);
    co_return first + second;
}

Task<void> root(std::vector<int>& trace, int& result)
{
    result = co_await middle(trace);
}

TEST_F(AsyncTest, TaskValuesComeBackThroughNestedAwaits)
{
    std::vector<int> trace;
    int result = 0;
    ASSERT_FALSE(executor.spawn(root(trace, result)).is_error());
    EXPECT_EQ(executor.run_round(), 1u);
    EXPECT_EQ(trace, (std::vector<int> { 1 }));
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(trace, (std::vector<int> { 1, -1 })) << "resumed in the leaf, then asleep in the middle";
    advance_to(5 * MILLISECOND);
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(trace, (std::vector<int> { 1, -1, 2, -2 }));
    EXPECT_EQ(result, 30);
    EXPECT_EQ(executor.task_count(), 0u);
    EXPECT_EQ(heap_bytes_in_use(), 0u);
}

Task<void> do_nothing()
{
    co_return;
}

TEST_F(AsyncTest, TaskFramesLiveOnTheKernelHeapUntilTheTaskGoes)
{
    {
        Task<void> never_run = do_nothing();
        EXPECT_TRUE(never_run.is_valid());
        EXPECT_GT(heap_bytes_in_use(), 0u);
    }
    EXPECT_EQ(heap_bytes_in_use(), 0u);
}

TEST_F(AsyncTest, SpawnReportsOutOfMemoryWhenTheFrameDoesNotFit)
{
    async_test::kernel_pages().fail_after(0);
    Task<void> task = do_nothing();
    EXPECT_FALSE(task.is_valid());
    auto spawned = executor.spawn(std::move(task));
    ASSERT_TRUE(spawned.is_error());
    EXPECT_EQ(spawned.error().code(), kstd::Errno::OutOfMemory);
    EXPECT_EQ(executor.task_count(), 0u);
}

// A frame bigger than the executor's record, so the two come from different slabs.
Task<void> big_frame(unsigned& wakes)
{
    char buffer[1024] = { 1 };
    co_await async::yield_now();
    wakes += buffer[0];
}

TEST_F(AsyncTest, SpawnReportsOutOfMemoryAndFreesTheFrameWhenTheRecordDoesNotFit)
{
    async_test::kernel_pages().fail_after(1); // the frame's page, not the record's
    unsigned wakes = 0;
    Task<void> task = big_frame(wakes);
    ASSERT_TRUE(task.is_valid());
    auto spawned = executor.spawn(std::move(task));
    ASSERT_TRUE(spawned.is_error());
    EXPECT_EQ(spawned.error().code(), kstd::Errno::OutOfMemory);
    EXPECT_EQ(heap_bytes_in_use(), 0u);
    EXPECT_EQ(wakes, 0u);
}

Task<kstd::Result<int>> fallible_child()
{
    co_return 7;
}

Task<void> await_fallible_children(std::vector<kstd::Errno>& errors, int& value)
{
    kstd::Result<int> first = co_await fallible_child();
    value = first.is_error() ? -1 : first.value();
    async_test::kernel_pages().fail_after(0);
    std::vector<Task<kstd::Result<int>>> unstarted; // fill the slab the heap has left
    for (;;) {
        Task<kstd::Result<int>> child = fallible_child();
        if (!child.is_valid()) {
            kstd::Result<int> result = co_await std::move(child);
            errors.push_back(result.error().code());
            break;
        }
        unstarted.push_back(std::move(child));
    }
}

TEST_F(AsyncTest, AwaitingATaskTheHeapHadNoRoomForGivesOutOfMemory)
{
    std::vector<kstd::Errno> errors;
    int value = 0;
    ASSERT_FALSE(executor.spawn(await_fallible_children(errors, value)).is_error());
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(value, 7);
    EXPECT_EQ(errors, (std::vector<kstd::Errno> { kstd::Errno::OutOfMemory }));
}

} // namespace
