// Helpers shared by the async tests: a fixture with a fresh kernel heap (coroutine frames
// live there), a fake clock, the timer queue a tick would expire, a fake Parker and an
// executor built from them.
//
// The fake clock only moves when a test calls advance_to(), which also expires the queue,
// as the tick IRQ does in the kernel. The fake Parker counts its calls and runs the test's
// on_park action in place of sleeping, so a test decides what "happens while idle".
#pragma once
#include "heap_fake_page_source.hpp"

#include <gtest/gtest.h>

#include <async/executor.hpp>
#include <mm/heap/kmalloc.hpp>
#include <time/timer_queue.hpp>

#include <functional>

namespace async_test {

inline constexpr uint64_t MILLISECOND = 1'000'000;

inline uint64_t fake_now_ns = 0;
inline uint64_t fake_clock()
{
    return fake_now_ns;
}

class FakeParker final : public async::Parker {
public:
    void park() override
    {
        ++parks;
        if (on_park)
            on_park();
    }
    void unpark() override { ++unparks; }

    unsigned parks = 0;
    unsigned unparks = 0;
    std::function<void()> on_park;
};

// The kernel heap is process-wide, so its pages outlive every test.
inline heap_test::FakePageSource& kernel_pages()
{
    static heap_test::FakePageSource& pages = *new heap_test::FakePageSource;
    return pages;
}

struct AsyncTest : ::testing::Test {
    static constexpr size_t HEAP_LIMIT_BYTES = 1 << 20;

    // heap_limit_bytes: the kernel heap's size (a deep file tree needs more).
    explicit AsyncTest(size_t heap_limit_bytes = HEAP_LIMIT_BYTES)
    {
        kernel_pages().fail_never();
        // A new heap for each test: nothing cached, so failure injection bites at once,
        // and EBUSY here would mean the test before leaked a frame.
        EXPECT_FALSE(mm::set_kernel_heap("slab", kernel_pages(), heap_limit_bytes).is_error());
        fake_now_ns = 0;
    }
    ~AsyncTest() override { kernel_pages().fail_never(); }

    void advance_to(uint64_t now_ns)
    {
        fake_now_ns = now_ns;
        timers.expire(now_ns);
    }
    size_t heap_bytes_in_use() const { return mm::kernel_heap().statistics().bytes_in_use; }

    ktime::TimerQueue timers;
    FakeParker parker;
    // Where the test's tasks leave their Wakers (wait_for_wake): declared before the
    // executor, since tasks still waiting when it is destroyed clear them as they go.
    async::Waker slot;
    async::Waker other_slot;
    async::Executor executor { parker, timers, fake_clock };
};

} // namespace async_test
