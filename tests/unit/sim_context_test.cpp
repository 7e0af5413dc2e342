// Contexts in the sim after they are done with: hal::context_destroy().
//
// A thread that exited leaves frames on its stack that never returned; under ASan those
// frames leave poisoned redzones behind, and under TSan the context's fiber lives on.
// Destroying the context must leave its stack memory fit for any other use (here: written
// all over, as a heap allocation would be) and let the same Context be set up and run
// again. The tests run on the test's own thread, like the kernel's first context.
#include <hal/context.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace {

constexpr size_t STACK_BYTES = 64 * 1024;

hal::Context here;
hal::Context there;
unsigned runs = 0;

// Leaves a frame with a buffer (and ASan's redzones around it) on its stack for good.
[[noreturn]] void run_once_and_leave(void*)
{
    volatile char buffer[256];
    buffer[0] = 1;
    runs += buffer[0];
    hal::context_switch(there, here);
    std::abort(); // never resumed
}

} // namespace

TEST(SimContext, ADestroyedContextsStackIsPlainMemoryAgain)
{
    auto stack = std::make_unique<uint8_t[]>(STACK_BYTES);
    runs = 0;
    hal::context_init(there, stack.get(), STACK_BYTES, run_once_and_leave, nullptr);
    hal::context_switch(here, there);
    hal::context_destroy(there);
    EXPECT_EQ(runs, 1u);
    memset(stack.get(), 0xAB, STACK_BYTES); // no stale redzone may be in the way
    EXPECT_EQ(stack[STACK_BYTES / 2], 0xAB);
}

TEST(SimContext, ADestroyedContextCanBeSetUpAndRunAgain)
{
    auto stack = std::make_unique<uint8_t[]>(STACK_BYTES);
    runs = 0;
    for (unsigned round = 0; round < 3; ++round) {
        hal::context_init(there, stack.get(), STACK_BYTES, run_once_and_leave, nullptr);
        hal::context_switch(here, there);
        hal::context_destroy(there);
    }
    EXPECT_EQ(runs, 3u);
}
