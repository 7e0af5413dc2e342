// SerialDecoder: bytes from a serial terminal -> KeyEvents.
//
// A terminal sends characters, control bytes (Ctrl+A = 0x01, Ctrl+\ = 0x1C, Backspace =
// 0x7F or 0x08, Enter = '\r' or '\n' or "\r\n") and escape sequences for the other keys
// (ESC [ A = Up, ESC [ 3 ~ = Delete, ESC O P = F1, ...). Only key presses can be seen.
// A lone ESC is reported as Escape when the next byte shows no sequence follows, or when
// the reader says none will come (finish_escape, after a pause in the input).
// Characters beyond ASCII arrive in UTF-8 and become one Key::Character each; a sequence
// that is not UTF-8 (or a C1 control character) types nothing.
#pragma once
#include <input/key.hpp>
#include <kstd/utf8.hpp>

namespace input {

class SerialDecoder {
public:
    // Feeds one byte; fills up to two events (a lone ESC followed by an ordinary byte
    // yields both) and returns how many.
    unsigned feed(uint8_t byte, KeyEvent events[2]);
    // Whether an ESC came and the next byte will tell what it starts.
    bool is_after_escape() const { return m_state == State::Escape; }
    // No byte came soon after the ESC: it was the Escape key. Fills `event` and returns 1
    // if so, else 0.
    unsigned finish_escape(KeyEvent& event);

private:
    enum class State { Ground, Escape, ControlSequence, SingleShift };
    unsigned finish_sequence(uint8_t final_byte, KeyEvent& event);
    unsigned ground(uint8_t byte, KeyEvent& event);

    State m_state = State::Ground;
    unsigned m_parameter = 0; // the first numeric parameter; larger than any key's
    bool m_in_modifier_parameter = false;
    bool m_after_carriage_return = false;
    kstd::Utf8Decoder m_utf8;
};

} // namespace input
