// Ctrl+C in the input layer, fed through the real keyboard IRQ path (scancodes pressed on
// the sim's keyboard controller; the test delivers the IRQ by enabling interrupts for a
// moment): with a foreground thread set it interrupts that thread instead of being queued;
// without one it is a key like the others; a key arrival hook (a game) sees it first.
#include <gtest/gtest.h>
#include <hal/irq.hpp>
#include <input/input.hpp>
#include <sched/thread.hpp>
#include <sim_machine.hpp>

#include <initializer_list>
#include <vector>

namespace {

constexpr uint8_t CTRL_DOWN = 0x1D, CTRL_UP = 0x9D, C_DOWN = 0x2E, C_UP = 0xAE, X_DOWN = 0x2D, X_UP = 0xAD;

struct InputInterruptTest : ::testing::Test {
    InputInterruptTest()
    {
        static bool input_started = [] {
            input::init();
            return true;
        }();
        (void)input_started;
        drain();
    }
    ~InputInterruptTest() override { input::set_foreground(nullptr); }

    static void type(std::initializer_list<uint8_t> scancodes)
    {
        sim::press_scancodes(scancodes.begin(), scancodes.size());
        hal::irq_enable(); // delivers the keyboard IRQ here
        hal::irq_disable();
    }

    // The characters of the pressed character keys queued, with '^' before a Ctrl one.
    static std::string drain()
    {
        std::string keys;
        while (auto event = input::try_read_key()) {
            if (!event.value().pressed || event.value().key != input::Key::Character)
                continue;
            if (event.value().has(input::modifier::CTRL))
                keys += '^';
            keys += event.value().character;
        }
        return keys;
    }

    void ctrl_c_then_x() { type({ CTRL_DOWN, C_DOWN, C_UP, CTRL_UP, X_DOWN, X_UP }); }
};

TEST_F(InputInterruptTest, CtrlCInterruptsTheForegroundThreadInsteadOfBeingQueued)
{
    sched::Thread command; // never scheduled: interrupt() only marks it
    input::set_foreground(&command);
    ctrl_c_then_x();
    EXPECT_TRUE(command.interrupt_pending);
    EXPECT_EQ(drain(), "x") << "Ctrl+C was taken as the interrupt, the next key still queued";
}

TEST_F(InputInterruptTest, WithoutAForegroundCtrlCIsAKey)
{
    sched::Thread command;
    input::set_foreground(&command);
    input::set_foreground(nullptr);
    ctrl_c_then_x();
    EXPECT_FALSE(command.interrupt_pending);
    EXPECT_EQ(drain(), "^cx");
}

TEST_F(InputInterruptTest, AKeyArrivalHookTakesCtrlCBeforeTheInterrupt)
{
    static std::vector<input::KeyEvent> hooked;
    hooked.clear();
    sched::Thread command;
    input::set_foreground(&command);
    input::set_key_arrival_hook(
        [](void*, const input::KeyEvent& event) {
            hooked.push_back(event);
            return true;
        },
        nullptr);
    ctrl_c_then_x();
    input::set_key_arrival_hook(nullptr, nullptr);
    EXPECT_FALSE(command.interrupt_pending) << "a game gets Ctrl+C as a key";
    bool saw_ctrl_c = false;
    for (const input::KeyEvent& event : hooked)
        saw_ctrl_c |= input::is_interrupt_key(event);
    EXPECT_TRUE(saw_ctrl_c);
    EXPECT_EQ(drain(), "");
}

TEST(InputInterruptKey, IsCtrlCPressedOnly)
{
    using input::Key;
    input::KeyEvent event { Key::Character, 'c', true, false, input::modifier::CTRL };
    EXPECT_TRUE(input::is_interrupt_key(event));
    event.character = 'C'; // with Shift or Caps Lock too
    EXPECT_TRUE(input::is_interrupt_key(event));
    event.pressed = false;
    EXPECT_FALSE(input::is_interrupt_key(event));
    EXPECT_FALSE(input::is_interrupt_key({ Key::Character, 'c', true, false, 0 }));
    EXPECT_FALSE(input::is_interrupt_key({ Key::Character, 'd', true, false, input::modifier::CTRL }));
}

} // namespace
