// What the console's terminal sends for each key (tty/key_bytes.hpp), compared with the
// terminfo database of this host: `tput -T linux CAP` prints the bytes Linux's console
// sends for a key, `tput -T xterm CAP` those of the cursor keys in application mode
// (xterm's terminfo entry assumes DECCKM on, as programs that use it switch it on).
#include <gtest/gtest.h>
#include <input/key.hpp>
#include <stdio.h>
#include <string>
#include <tty/key_bytes.hpp>

namespace {

using input::Key;
using input::KeyEvent;

std::string tput(const char* terminal, const char* capability)
{
    std::string command = std::string("tput -T ") + terminal + " " + capability;
    FILE* pipe = popen(command.c_str(), "r");
    EXPECT_NE(pipe, nullptr) << command;
    std::string output;
    char buffer[64];
    while (size_t count = fread(buffer, 1, sizeof buffer, pipe))
        output.append(buffer, count);
    EXPECT_EQ(pclose(pipe), 0) << command;
    EXPECT_FALSE(output.empty()) << command;
    return output;
}

std::string bytes_of(const KeyEvent& event, bool application_cursor_keys = false)
{
    char out[tty::KEY_BYTES_MAX];
    size_t count = tty::key_bytes(event, application_cursor_keys, out);
    return std::string(out, count);
}

KeyEvent pressed(Key key, uint8_t modifiers = 0, char32_t character = 0)
{
    return KeyEvent { .key = key, .character = character, .pressed = true, .modifiers = modifiers };
}

KeyEvent typed(char32_t character, uint8_t modifiers = 0)
{
    return pressed(Key::Character, modifiers, character);
}

struct KeyCapability {
    Key key;
    const char* capability;
};

constexpr KeyCapability LINUX_CONSOLE_KEYS[] = {
    { Key::Up, "kcuu1" }, { Key::Down, "kcud1" }, { Key::Right, "kcuf1" }, { Key::Left, "kcub1" },
    { Key::Home, "khome" }, { Key::End, "kend" }, { Key::Insert, "kich1" }, { Key::Delete, "kdch1" },
    { Key::PageUp, "kpp" }, { Key::PageDown, "knp" }, { Key::Backspace, "kbs" },
    { Key::F1, "kf1" }, { Key::F2, "kf2" }, { Key::F3, "kf3" }, { Key::F4, "kf4" }, { Key::F5, "kf5" },
    { Key::F6, "kf6" }, { Key::F7, "kf7" }, { Key::F8, "kf8" }, { Key::F9, "kf9" }, { Key::F10, "kf10" },
    { Key::F11, "kf11" }, { Key::F12, "kf12" },
};

TEST(TtyKeyBytes, EditingAndFunctionKeysAreThoseOfLinuxsConsole)
{
    for (const KeyCapability& entry : LINUX_CONSOLE_KEYS)
        EXPECT_EQ(bytes_of(pressed(entry.key)), tput("linux", entry.capability)) << entry.capability;
}

TEST(TtyKeyBytes, CursorKeysInApplicationModeAreThoseOfXterm)
{
    constexpr KeyCapability ARROWS[] = { { Key::Up, "kcuu1" }, { Key::Down, "kcud1" }, { Key::Right, "kcuf1" },
                                         { Key::Left, "kcub1" } };
    for (const KeyCapability& entry : ARROWS)
        EXPECT_EQ(bytes_of(pressed(entry.key), true), tput("xterm", entry.capability)) << entry.capability;
}

TEST(TtyKeyBytes, CharactersAreUtf8AndEnterIsCarriageReturn)
{
    EXPECT_EQ(bytes_of(typed('a')), "a");
    EXPECT_EQ(bytes_of(typed('A', input::modifier::SHIFT)), "A");
    EXPECT_EQ(bytes_of(typed(U'é')), "\xC3\xA9");
    EXPECT_EQ(bytes_of(typed(U'€')), "\xE2\x82\xAC");
    EXPECT_EQ(bytes_of(pressed(Key::Enter, 0, '\n')), "\r");
    EXPECT_EQ(bytes_of(pressed(Key::Tab, 0, '\t')), "\t");
    EXPECT_EQ(bytes_of(pressed(Key::Escape)), "\x1b");
}

TEST(TtyKeyBytes, CtrlMakesControlCodesAndAltPrefixesEscape)
{
    EXPECT_EQ(bytes_of(typed('c', input::modifier::CTRL)), "\x03");
    EXPECT_EQ(bytes_of(typed('C', input::modifier::CTRL | input::modifier::SHIFT)), "\x03");
    EXPECT_EQ(bytes_of(typed('z', input::modifier::CTRL)), "\x1a");
    EXPECT_EQ(bytes_of(typed('[', input::modifier::CTRL)), "\x1b");
    EXPECT_EQ(bytes_of(typed('\\', input::modifier::CTRL)), "\x1c");
    EXPECT_EQ(bytes_of(typed(' ', input::modifier::CTRL)), std::string(1, '\0'));
    EXPECT_EQ(bytes_of(typed('?', input::modifier::CTRL)), "\x7f");
    EXPECT_EQ(bytes_of(typed('1', input::modifier::CTRL)), "1"); // Ctrl changes nothing here
    EXPECT_EQ(bytes_of(typed('x', input::modifier::ALT)), "\x1bx");
    EXPECT_EQ(bytes_of(pressed(Key::Up, input::modifier::ALT)), "\x1b\x1b[A");
}

TEST(TtyKeyBytes, ReleasesModifiersAndLocksSendNothing)
{
    KeyEvent released = typed('a');
    released.pressed = false;
    EXPECT_EQ(bytes_of(released), "");
    for (Key key : { Key::LeftShift, Key::RightCtrl, Key::LeftAlt, Key::CapsLock, Key::NumLock, Key::None })
        EXPECT_EQ(bytes_of(pressed(key)), "") << int(key);
}

} // namespace
