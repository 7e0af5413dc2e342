// The key stream, fed through the real IRQ path: scancodes pressed on the sim's keyboard
// controller raise the keyboard IRQ, which the test delivers on its own thread by enabling
// interrupts for a moment, as the CPU would; input's handler decodes them and offers each
// event to the stream's hook.
#include "async_test_support.hpp"

#include <async/key_stream.hpp>
#include <hal/irq.hpp>
#include <input/input.hpp>
#include <sim_machine.hpp>

#include <string>

namespace {

using async::Task;
using async_test::AsyncTest;

constexpr uint8_t SCANCODE_A = 0x1E, SCANCODE_B = 0x30, SCANCODE_C = 0x2E; // presses

struct AsyncKeyStreamTest : AsyncTest {
    AsyncKeyStreamTest()
    {
        static bool input_started = [] {
            input::init();
            return true;
        }();
        (void)input_started;
        while (input::try_read_key()) { // what an earlier test left queued
        }
    }

    static void type(std::initializer_list<uint8_t> scancodes)
    {
        sim::press_scancodes(scancodes.begin(), scancodes.size());
        hal::irq_enable(); // delivers the keyboard IRQ here
        hal::irq_disable();
    }
};

Task<void> read_keys(async::KeyStream& keys, size_t count, std::string& typed)
{
    while (typed.size() < count)
        typed += (co_await keys.next()).character;
}

TEST_F(AsyncKeyStreamTest, KeyStreamWakesAWaitingTaskFromTheKeyboardIrq)
{
    async::KeyStream keys;
    std::string typed;
    ASSERT_FALSE(executor.spawn(read_keys(keys, 2, typed)).is_error());
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(typed, "");
    unsigned unparks_before = parker.unparks;
    type({ SCANCODE_A });
    EXPECT_EQ(parker.unparks, unparks_before + 1) << "the IRQ woke the task";
    EXPECT_FALSE(input::try_read_key()) << "the event went to the task, not the queue";
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(typed, "a");
    type({ SCANCODE_B });
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(typed, "ab");
    EXPECT_EQ(executor.task_count(), 0u);
}

TEST_F(AsyncKeyStreamTest, KeyStreamReadsQueuedKeysInOrderWithoutSuspending)
{
    async::KeyStream keys;
    type({ SCANCODE_A, SCANCODE_B });
    std::string typed;
    ASSERT_FALSE(executor.spawn(read_keys(keys, 3, typed)).is_error());
    EXPECT_EQ(executor.run_round(), 1u);
    EXPECT_EQ(typed, "ab") << "both in the first poll";
    type({ SCANCODE_C });
    EXPECT_TRUE(executor.run_until_idle());
    EXPECT_EQ(typed, "abc");
}

TEST_F(AsyncKeyStreamTest, KeyStreamWaitIsWithdrawnWhenItsTaskIsDestroyed)
{
    async::KeyStream keys;
    std::string typed;
    {
        async::Executor short_lived(parker, timers, async_test::fake_clock);
        ASSERT_FALSE(short_lived.spawn(read_keys(keys, 1, typed)).is_error());
        EXPECT_TRUE(short_lived.run_until_idle());
    }
    type({ SCANCODE_A });
    kstd::Optional<input::KeyEvent> queued = input::try_read_key();
    ASSERT_TRUE(queued.has_value()) << "with no waiter the event is queued";
    EXPECT_EQ(queued.value().character, 'a');
    EXPECT_EQ(typed, "");
}

} // namespace
