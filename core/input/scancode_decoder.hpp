// ScancodeDecoder: PS/2 scancode set 1 bytes -> KeyEvents (US layout, with AltGr for
// international characters: keymap_us.hpp).
//
// Set 1 sends one byte per key change: the make code when pressed, the same code with bit 7
// set when released. Keys added after the original XT keyboard (arrows, right Ctrl/Alt, the
// navigation block, keypad Enter and /) are prefixed by 0xE0; Pause sends a six-byte 0xE1
// sequence with no release. The decoder tracks Shift, Ctrl, Alt and the lock keys itself.
#pragma once
#include <input/key.hpp>

namespace input {

class ScancodeDecoder {
public:
    // Feeds one byte. Returns true and fills `event` when the byte completes a key change;
    // false for prefixes, ignored bytes and unknown codes (counted in unknown_codes()).
    bool feed(uint8_t byte, KeyEvent& event);

    uint8_t modifiers() const;
    unsigned unknown_codes() const { return m_unknown_codes; }

private:
    bool decode(uint8_t code, bool extended, bool pressed, KeyEvent& event);
    void track_modifier(Key key, bool pressed);

    bool m_extended = false;
    uint8_t m_pause_bytes_left = 0;
    bool m_left_shift = false, m_right_shift = false;
    bool m_left_ctrl = false, m_right_ctrl = false;
    bool m_left_alt = false, m_right_alt = false;
    bool m_caps_lock = false, m_num_lock = false;
    unsigned m_unknown_codes = 0;
};

} // namespace input
