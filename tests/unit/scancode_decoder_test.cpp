// ScancodeDecoder: set 1 make/break codes, modifiers, locks, E0 and E1 sequences.
#include <gtest/gtest.h>
#include <input/scancode_decoder.hpp>
#include <string>
#include <vector>

using input::Key;
using input::KeyEvent;
using input::ScancodeDecoder;

namespace {
std::vector<KeyEvent> feed(ScancodeDecoder& decoder, std::initializer_list<uint8_t> bytes)
{
    std::vector<KeyEvent> events;
    for (uint8_t byte : bytes) {
        KeyEvent event;
        if (decoder.feed(byte, event))
            events.push_back(event);
    }
    return events;
}

std::string typed(ScancodeDecoder& decoder, std::initializer_list<uint8_t> bytes)
{
    std::string text;
    for (const KeyEvent& event : feed(decoder, bytes)) {
        if (event.pressed && event.key == Key::Character)
            text += event.character;
    }
    return text;
}
} // namespace

TEST(ScancodeDecoder, MakeAndBreakOfALetter)
{
    ScancodeDecoder decoder;
    auto events = feed(decoder, { 0x1E, 0x9E });
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].key, Key::Character);
    EXPECT_EQ(events[0].character, 'a');
    EXPECT_TRUE(events[0].pressed);
    EXPECT_FALSE(events[1].pressed);
}

TEST(ScancodeDecoder, TypesAWordAndDigits)
{
    ScancodeDecoder decoder;
    EXPECT_EQ(typed(decoder, { 0x23, 0xA3, 0x12, 0x92, 0x26, 0xA6, 0x26, 0xA6, 0x18, 0x98, 0x39, 0xB9, 0x02, 0x0B }), "hello 10");
}

TEST(ScancodeDecoder, ShiftGivesUpperCaseAndSymbols)
{
    ScancodeDecoder decoder;
    EXPECT_EQ(typed(decoder, { 0x2A, 0x1E, 0x02, 0x0C, 0xAA, 0x1E }), "A!_a");
    EXPECT_EQ(typed(decoder, { 0x36, 0x28, 0x35, 0xB6, 0x28 }), "\"?'");
}

TEST(ScancodeDecoder, CapsLockTogglesLettersOnly)
{
    ScancodeDecoder decoder;
    EXPECT_EQ(typed(decoder, { 0x3A, 0xBA, 0x1E, 0x02, 0x2A, 0x1E, 0xAA }), "A1a");
    EXPECT_TRUE(decoder.modifiers() & input::modifier::CAPS_LOCK);
    EXPECT_EQ(typed(decoder, { 0x3A, 0xBA, 0x1E }), "a");
}

TEST(ScancodeDecoder, CtrlAndAltAreReportedAsModifiers)
{
    ScancodeDecoder decoder;
    auto events = feed(decoder, { 0x1D, 0x2E, 0x9D, 0xE0, 0x38, 0x20 });
    // Ctrl down, c, Ctrl up, right Alt down, d
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[1].character, 'c');
    EXPECT_TRUE(events[1].has(input::modifier::CTRL));
    EXPECT_EQ(events[3].key, Key::RightAlt);
    EXPECT_EQ(events[4].character, 'd');
    EXPECT_TRUE(events[4].has(input::modifier::ALT));
    EXPECT_FALSE(events[4].has(input::modifier::CTRL));
}

TEST(ScancodeDecoder, ExtendedArrowsAndNavigationKeys)
{
    ScancodeDecoder decoder;
    auto events = feed(decoder, { 0xE0, 0x48, 0xE0, 0xC8, 0xE0, 0x4B, 0xE0, 0x4D, 0xE0, 0x50,
                                  0xE0, 0x47, 0xE0, 0x4F, 0xE0, 0x53, 0xE0, 0x49, 0xE0, 0x1D });
    std::vector<Key> keys;
    for (auto& event : events)
        keys.push_back(event.key);
    EXPECT_EQ(keys, (std::vector<Key> { Key::Up, Key::Up, Key::Left, Key::Right, Key::Down, Key::Home,
                                        Key::End, Key::Delete, Key::PageUp, Key::RightCtrl }));
    EXPECT_FALSE(events[1].pressed);
}

TEST(ScancodeDecoder, FakeShiftsAroundExtendedKeysAreIgnored)
{
    ScancodeDecoder decoder;
    auto events = feed(decoder, { 0xE0, 0x2A, 0xE0, 0x37, 0xE0, 0xB7, 0xE0, 0xAA });
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].key, Key::PrintScreen);
    EXPECT_EQ(decoder.modifiers() & input::modifier::SHIFT, 0);
}

TEST(ScancodeDecoder, KeypadFollowsNumLock)
{
    ScancodeDecoder decoder;
    auto off = feed(decoder, { 0x47, 0x48 });
    EXPECT_EQ(off[0].key, Key::Home);
    EXPECT_EQ(off[1].key, Key::Up);
    EXPECT_TRUE(off[0].keypad);
    EXPECT_EQ(typed(decoder, { 0x45, 0xC5, 0x47, 0x48, 0x53, 0x37, 0x4E }), "78.*+");
    auto enter = feed(decoder, { 0xE0, 0x1C });
    EXPECT_EQ(enter[0].key, Key::Enter);
    EXPECT_TRUE(enter[0].keypad);
    EXPECT_EQ(typed(decoder, { 0xE0, 0x35 }), "/");
}

TEST(ScancodeDecoder, PauseSequenceIsOneKey)
{
    ScancodeDecoder decoder;
    auto events = feed(decoder, { 0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5, 0x1E });
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].key, Key::Pause);
    EXPECT_EQ(events[1].character, 'a');
}

TEST(ScancodeDecoder, UnknownCodesAreCountedAndSkipped)
{
    ScancodeDecoder decoder;
    auto events = feed(decoder, { 0x59, 0x7F, 0xE0, 0x10, 0x1E });
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].character, 'a');
    EXPECT_EQ(decoder.unknown_codes(), 3u);
}

TEST(ScancodeDecoder, ControlKeysCarryTheirCharacters)
{
    ScancodeDecoder decoder;
    auto events = feed(decoder, { 0x1C, 0x0E, 0x0F, 0x01 });
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[0].character, '\n');
    EXPECT_EQ(events[1].key, Key::Backspace);
    EXPECT_EQ(events[2].character, '\t');
    EXPECT_EQ(events[3].key, Key::Escape);
}

// AltGr (right Alt: E0 38) types the international characters of "us altgr-intl".
TEST(ScancodeDecoder, AltGrTypesInternationalCharacters)
{
    input::ScancodeDecoder decoder;
    input::KeyEvent event;
    auto send = [&](std::initializer_list<uint8_t> bytes) {
        bool complete = false;
        for (uint8_t byte : bytes)
            complete = decoder.feed(byte, event);
        return complete;
    };
    EXPECT_TRUE(send({ 0xE0, 0x38 })); // AltGr down
    ASSERT_TRUE(send({ 0x12 }));       // e
    EXPECT_EQ(event.key, input::Key::Character);
    EXPECT_EQ(event.character, U'é');
    EXPECT_FALSE(event.has(input::modifier::ALT));
    EXPECT_TRUE(send({ 0x2A }));       // Shift down
    ASSERT_TRUE(send({ 0x12 }));
    EXPECT_EQ(event.character, U'É');
    EXPECT_TRUE(send({ 0xAA }));       // Shift up
    ASSERT_TRUE(send({ 0x33 }));       // ,
    EXPECT_EQ(event.character, U'ç');
    ASSERT_TRUE(send({ 0x22 }));       // g: nothing on AltGr, stays g with Alt held
    EXPECT_EQ(event.character, U'g');
    EXPECT_TRUE(event.has(input::modifier::ALT));
    EXPECT_TRUE(send({ 0xE0, 0xB8 })); // AltGr up
    ASSERT_TRUE(send({ 0x12 }));
    EXPECT_EQ(event.character, U'e');
    EXPECT_TRUE(send({ 0x38 }));       // the left Alt is no AltGr
    ASSERT_TRUE(send({ 0x12 }));
    EXPECT_EQ(event.character, U'e');
}
