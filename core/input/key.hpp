// Keys as the rest of the kernel sees them, whatever device they came from.
//
// A KeyEvent names a key (Key::Character for anything that types a character, with the
// character, a Unicode code point, already resolved through the layout, Shift, Caps Lock
// and AltGr) and whether it was
// pressed or released. The PS/2 keyboard produces both; a serial terminal only presses.
#pragma once
#include <stdint.h>

namespace input {

enum class Key : uint8_t {
    None, Character,
    Escape, Backspace, Tab, Enter,
    Up, Down, Left, Right, Home, End, PageUp, PageDown, Insert, Delete,
    F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12,
    LeftShift, RightShift, LeftCtrl, RightCtrl, LeftAlt, RightAlt,
    LeftGui, RightGui, Menu, CapsLock, NumLock, ScrollLock, PrintScreen, Pause,
};

namespace modifier {
inline constexpr uint8_t SHIFT = 1 << 0;
inline constexpr uint8_t CTRL = 1 << 1;
inline constexpr uint8_t ALT = 1 << 2;
inline constexpr uint8_t CAPS_LOCK = 1 << 3;
inline constexpr uint8_t NUM_LOCK = 1 << 4;
} // namespace modifier

struct KeyEvent {
    Key key = Key::None;
    char32_t character = 0; // Unicode, for Key::Character (and Enter/Tab/Backspace: '\n', '\t', '\b')
    bool pressed = true;
    bool keypad = false;   // came from the numeric keypad
    uint8_t modifiers = 0; // modifier:: bits held when the key changed

    bool has(uint8_t modifier_bit) const { return (modifiers & modifier_bit) != 0; }
};

} // namespace input
