// The US keyboard layout for scancode set 1: what each make code means, and the
// international characters typed with AltGr.
#pragma once
#include <input/key.hpp>

namespace input {

struct KeymapEntry {
    Key key = Key::None;
    char normal = 0;  // the character typed without Shift (Key::Character)
    char shifted = 0; // with Shift
    bool keypad = false; // on the numeric keypad
    // Keypad keys with two meanings: the key when Num Lock is off.
    Key navigation = Key::None;
};

// Codes 0x00-0x58 without prefix; Key::None for unused codes.
KeymapEntry keymap_us(uint8_t code);
// Codes after an 0xE0 prefix (arrows, navigation block, right Ctrl/Alt, ...).
KeymapEntry keymap_us_extended(uint8_t code);

// What a key types with AltGr (right Alt) held, after Linux's "us altgr-intl" layout:
// AltGr+e is é, AltGr+Shift+e É, AltGr+n ñ, AltGr+, ç, AltGr+s ß, ... Both 0 where AltGr
// adds nothing.
struct AltGrEntry {
    char32_t normal = 0;
    char32_t shifted = 0;
};
AltGrEntry keymap_us_altgr(uint8_t code);

} // namespace input
