// The US layout tables for scancode set 1 (codes from the IBM PC/AT technical reference).
#include <input/keymap_us.hpp>

namespace input {

namespace {
constexpr KeymapEntry ch(char normal, char shifted) { return { Key::Character, normal, shifted, false, Key::None }; }
constexpr KeymapEntry key(Key k) { return { k, 0, 0, false, Key::None }; }
constexpr KeymapEntry keypad(char c, Key navigation) { return { Key::Character, c, c, true, navigation }; }

constexpr KeymapEntry base_codes[] = {
    /* 00 */ key(Key::None), key(Key::Escape), ch('1', '!'), ch('2', '@'),
    /* 04 */ ch('3', '#'), ch('4', '$'), ch('5', '%'), ch('6', '^'),
    /* 08 */ ch('7', '&'), ch('8', '*'), ch('9', '('), ch('0', ')'),
    /* 0C */ ch('-', '_'), ch('=', '+'), key(Key::Backspace), key(Key::Tab),
    /* 10 */ ch('q', 'Q'), ch('w', 'W'), ch('e', 'E'), ch('r', 'R'),
    /* 14 */ ch('t', 'T'), ch('y', 'Y'), ch('u', 'U'), ch('i', 'I'),
    /* 18 */ ch('o', 'O'), ch('p', 'P'), ch('[', '{'), ch(']', '}'),
    /* 1C */ key(Key::Enter), key(Key::LeftCtrl), ch('a', 'A'), ch('s', 'S'),
    /* 20 */ ch('d', 'D'), ch('f', 'F'), ch('g', 'G'), ch('h', 'H'),
    /* 24 */ ch('j', 'J'), ch('k', 'K'), ch('l', 'L'), ch(';', ':'),
    /* 28 */ ch('\'', '"'), ch('`', '~'), key(Key::LeftShift), ch('\\', '|'),
    /* 2C */ ch('z', 'Z'), ch('x', 'X'), ch('c', 'C'), ch('v', 'V'),
    /* 30 */ ch('b', 'B'), ch('n', 'N'), ch('m', 'M'), ch(',', '<'),
    /* 34 */ ch('.', '>'), ch('/', '?'), key(Key::RightShift), keypad('*', Key::None),
    /* 38 */ key(Key::LeftAlt), ch(' ', ' '), key(Key::CapsLock), key(Key::F1),
    /* 3C */ key(Key::F2), key(Key::F3), key(Key::F4), key(Key::F5),
    /* 40 */ key(Key::F6), key(Key::F7), key(Key::F8), key(Key::F9),
    /* 44 */ key(Key::F10), key(Key::NumLock), key(Key::ScrollLock), keypad('7', Key::Home),
    /* 48 */ keypad('8', Key::Up), keypad('9', Key::PageUp), keypad('-', Key::None), keypad('4', Key::Left),
    /* 4C */ keypad('5', Key::None), keypad('6', Key::Right), keypad('+', Key::None), keypad('1', Key::End),
    /* 50 */ keypad('2', Key::Down), keypad('3', Key::PageDown), keypad('0', Key::Insert), keypad('.', Key::Delete),
    /* 54 */ key(Key::None), key(Key::None), ch('\\', '|'), key(Key::F11),
    /* 58 */ key(Key::F12),
};
constexpr unsigned BASE_CODE_COUNT = sizeof base_codes / sizeof base_codes[0];
} // namespace

KeymapEntry keymap_us(uint8_t code)
{
    return code < BASE_CODE_COUNT ? base_codes[code] : KeymapEntry {};
}

KeymapEntry keymap_us_extended(uint8_t code)
{
    switch (code) {
    case 0x1C: return { Key::Enter, 0, 0, true, Key::None }; // keypad Enter
    case 0x1D: return key(Key::RightCtrl);
    case 0x35: return keypad('/', Key::None);
    case 0x37: return key(Key::PrintScreen);
    case 0x38: return key(Key::RightAlt);
    case 0x47: return key(Key::Home);
    case 0x48: return key(Key::Up);
    case 0x49: return key(Key::PageUp);
    case 0x4B: return key(Key::Left);
    case 0x4D: return key(Key::Right);
    case 0x4F: return key(Key::End);
    case 0x50: return key(Key::Down);
    case 0x51: return key(Key::PageDown);
    case 0x52: return key(Key::Insert);
    case 0x53: return key(Key::Delete);
    case 0x5B: return key(Key::LeftGui);
    case 0x5C: return key(Key::RightGui);
    case 0x5D: return key(Key::Menu);
    default: return {};
    }
}

AltGrEntry keymap_us_altgr(uint8_t code)
{
    switch (code) {
    case 0x02: return { U'¡', U'¹' };  // 1
    case 0x03: return { U'²', 0 };     // 2
    case 0x06: return { U'€', 0 };     // 5
    case 0x10: return { U'ä', U'Ä' };  // q
    case 0x11: return { U'å', U'Å' };  // w
    case 0x12: return { U'é', U'É' };  // e
    case 0x15: return { U'ü', U'Ü' };  // y
    case 0x16: return { U'ú', U'Ú' };  // u
    case 0x17: return { U'í', U'Í' };  // i
    case 0x18: return { U'ó', U'Ó' };  // o
    case 0x19: return { U'ö', U'Ö' };  // p
    case 0x1E: return { U'á', U'Á' };  // a
    case 0x1F: return { U'ß', U'§' };  // s
    case 0x26: return { U'ø', U'Ø' };  // l
    case 0x2C: return { U'æ', U'Æ' };  // z
    case 0x2E: return { U'©', U'¢' };  // c
    case 0x31: return { U'ñ', U'Ñ' };  // n
    case 0x32: return { U'µ', 0 };     // m
    case 0x33: return { U'ç', U'Ç' };  // ,
    case 0x35: return { U'¿', 0 };     // /
    default: return {};
    }
}

} // namespace input
