// SerialDecoder: terminal bytes and escape sequences become the same keys as the keyboard.
#include <gtest/gtest.h>
#include <input/serial_decoder.hpp>
#include <tty/key_bytes.hpp>
#include <string>
#include <vector>

using input::Key;
using input::KeyEvent;

namespace {
std::vector<KeyEvent> decode(const std::string& bytes)
{
    input::SerialDecoder decoder;
    std::vector<KeyEvent> events;
    for (char byte : bytes) {
        KeyEvent out[2];
        unsigned count = decoder.feed(static_cast<uint8_t>(byte), out);
        events.insert(events.end(), out, out + count);
    }
    return events;
}

std::vector<Key> keys_of(const std::string& bytes)
{
    std::vector<Key> keys;
    for (auto& event : decode(bytes))
        keys.push_back(event.key);
    return keys;
}
} // namespace

TEST(SerialDecoder, PrintableBytesAreCharacters)
{
    auto events = decode("hi!");
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[2].character, '!');
    EXPECT_TRUE(events[0].pressed);
}

TEST(SerialDecoder, LineEndingsGiveOneEnterEach)
{
    EXPECT_EQ(keys_of("a\rb\nc\r\nd"), (std::vector<Key> { Key::Character, Key::Enter, Key::Character, Key::Enter,
                                                           Key::Character, Key::Enter, Key::Character }));
    EXPECT_EQ(keys_of("\n\n"), (std::vector<Key> { Key::Enter, Key::Enter }));
}

TEST(SerialDecoder, BackspaceDeleteAndControlLetters)
{
    auto events = decode(std::string("\x7f\x08\x01\x03\t", 5));
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[0].key, Key::Backspace);
    EXPECT_EQ(events[1].key, Key::Backspace);
    EXPECT_EQ(events[2].character, 'a');
    EXPECT_TRUE(events[2].has(input::modifier::CTRL));
    EXPECT_EQ(events[3].character, 'c');
    EXPECT_EQ(events[4].key, Key::Tab);
}

// Every C0 control but ESC is a key, and a terminal sends it back as the same byte:
// Ctrl+\ (0x1C) must still be VQUIT when the console's terminal turns the key into bytes.
TEST(SerialDecoder, EveryControlByteButEscapeRoundTripsThroughTheTerminalsKeyBytes)
{
    for (int byte = 0; byte < 0x20; ++byte) {
        if (byte == 0x1b || byte == '\n' || byte == '\b')
            continue; // ESC starts sequences; "\n" is Enter, read as "\r"; 0x08 is Backspace, read as DEL
        auto events = decode(std::string(1, char(byte)));
        ASSERT_EQ(events.size(), 1u) << "byte " << byte;
        char bytes[tty::KEY_BYTES_MAX];
        size_t count = tty::key_bytes(events[0], false, bytes);
        EXPECT_EQ(std::string(bytes, count), std::string(1, char(byte))) << "byte " << byte;
    }
}

TEST(SerialDecoder, CsiAndSs3Sequences)
{
    EXPECT_EQ(keys_of("\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1bOH\x1bOF"),
              (std::vector<Key> { Key::Up, Key::Down, Key::Right, Key::Left, Key::Home, Key::End, Key::Home, Key::End }));
    EXPECT_EQ(keys_of("\x1b[3~\x1b[2~\x1b[5~\x1b[6~\x1b[1~\x1b[4~\x1b[15~\x1b[24~\x1bOP"),
              (std::vector<Key> { Key::Delete, Key::Insert, Key::PageUp, Key::PageDown, Key::Home, Key::End,
                                  Key::F5, Key::F12, Key::F1 }));
    EXPECT_EQ(keys_of("\x1b[1;5C"), (std::vector<Key> { Key::Right }));
    EXPECT_EQ(keys_of("\x1b[3;5~\x1b[15;2~\x1b[5;13~"), (std::vector<Key> { Key::Delete, Key::F5, Key::PageUp }));
}

TEST(SerialDecoder, LoneEscapeThenOrdinaryByte)
{
    auto events = decode("\x1bq");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].key, Key::Escape);
    EXPECT_EQ(events[1].character, 'q');
    EXPECT_EQ(keys_of("\x1b\x1b[A"), (std::vector<Key> { Key::Escape, Key::Up }));
}

// A pause after an ESC (the reader's timer) settles it as the Escape key; the next bytes
// then start afresh. Without the ESC, or inside a sequence, there is nothing to settle.
TEST(SerialDecoder, EscapeFollowedByAPauseIsTheEscapeKey)
{
    input::SerialDecoder decoder;
    KeyEvent events[2];
    KeyEvent settled;
    EXPECT_EQ(decoder.finish_escape(settled), 0u);
    EXPECT_EQ(decoder.feed(0x1b, events), 0u);
    EXPECT_TRUE(decoder.is_after_escape());
    ASSERT_EQ(decoder.finish_escape(settled), 1u);
    EXPECT_EQ(settled.key, Key::Escape);
    EXPECT_FALSE(decoder.is_after_escape());
    ASSERT_EQ(decoder.feed(':', events), 1u);
    EXPECT_EQ(events[0].character, ':');
    EXPECT_EQ(decoder.feed(0x1b, events), 0u);
    EXPECT_EQ(decoder.feed('[', events), 0u);
    EXPECT_FALSE(decoder.is_after_escape());
    EXPECT_EQ(decoder.finish_escape(settled), 0u);
    ASSERT_EQ(decoder.feed('A', events), 1u);
    EXPECT_EQ(events[0].key, Key::Up);
}

TEST(SerialDecoder, UnknownSequencesAndBytesAreDropped)
{
    EXPECT_EQ(keys_of("\x1b[99~\x1b[Zx"), (std::vector<Key> { Key::Character }));
    EXPECT_EQ(keys_of("\x1b[123456789012~y"), (std::vector<Key> { Key::Character }));
    EXPECT_TRUE(decode(std::string("\x80\xff", 2)).empty()); // not UTF-8
}

TEST(SerialDecoder, Utf8CharactersAreOneKeyEach)
{
    auto events = decode("\xC3\xA9t\xC3\xA9\xE2\x82\xAC");
    ASSERT_EQ(events.size(), 4u);
    for (auto& event : events)
        EXPECT_EQ(event.key, Key::Character);
    EXPECT_EQ(events[0].character, U'é');
    EXPECT_EQ(events[1].character, U't');
    EXPECT_EQ(events[2].character, U'é');
    EXPECT_EQ(events[3].character, U'€');
}

TEST(SerialDecoder, BrokenUtf8TypesNothingAndSpoilsNoOtherKey)
{
    // Cut short by ASCII, by an escape sequence, a stray continuation byte, a C1 control.
    auto events = decode("\xC3x\xE2\x82\x1b[A\xA9\xC2\x85y");
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].character, U'x');
    EXPECT_EQ(events[1].key, Key::Up);
    EXPECT_EQ(events[2].character, U'y');
}
