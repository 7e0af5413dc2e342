// Terminal byte stream decoding (see serial_decoder.hpp). The sequences are those of
// ECMA-48 / VT220 as sent by xterm-compatible terminals.
#include <input/serial_decoder.hpp>

namespace input {

namespace {
constexpr uint8_t ESC = 0x1B;
constexpr uint8_t DEL = 0x7F;
constexpr unsigned MAX_PARAMETER = 99;

KeyEvent pressed(Key key, char32_t character = 0, uint8_t modifiers = 0)
{
    return { key, character, true, false, modifiers };
}

Key tilde_key(unsigned parameter)
{
    switch (parameter) {
    case 1: case 7: return Key::Home;
    case 2: return Key::Insert;
    case 3: return Key::Delete;
    case 4: case 8: return Key::End;
    case 5: return Key::PageUp;
    case 6: return Key::PageDown;
    case 15: return Key::F5;
    case 17: return Key::F6;
    case 18: return Key::F7;
    case 19: return Key::F8;
    case 20: return Key::F9;
    case 21: return Key::F10;
    case 23: return Key::F11;
    case 24: return Key::F12;
    default: return Key::None;
    }
}

Key letter_key(uint8_t final_byte)
{
    switch (final_byte) {
    case 'A': return Key::Up;
    case 'B': return Key::Down;
    case 'C': return Key::Right;
    case 'D': return Key::Left;
    case 'H': return Key::Home;
    case 'F': return Key::End;
    case 'P': return Key::F1;
    case 'Q': return Key::F2;
    case 'R': return Key::F3;
    case 'S': return Key::F4;
    default: return Key::None;
    }
}
} // namespace

unsigned SerialDecoder::finish_escape(KeyEvent& event)
{
    if (m_state != State::Escape)
        return 0;
    m_state = State::Ground;
    event = pressed(Key::Escape);
    return 1;
}

unsigned SerialDecoder::feed(uint8_t byte, KeyEvent events[2])
{
    switch (m_state) {
    case State::Ground:
        return ground(byte, events[0]);
    case State::Escape:
        if (byte == '[' || byte == 'O') {
            m_state = byte == '[' ? State::ControlSequence : State::SingleShift;
            m_parameter = 0;
            m_in_modifier_parameter = false;
            return 0;
        }
        m_state = State::Ground;
        events[0] = pressed(Key::Escape);
        return 1 + ground(byte, events[1]);
    case State::ControlSequence:
        if (byte == ';') {
            m_in_modifier_parameter = true; // "ESC [ 3 ; 5 ~" is Delete with Ctrl: the
            return 0;                       // modifiers after ';' are accepted and ignored
        }
        if (byte >= '0' && byte <= '9') {
            if (!m_in_modifier_parameter && m_parameter < MAX_PARAMETER)
                m_parameter = m_parameter * 10 + (byte - '0');
            return 0;
        }
        m_state = State::Ground;
        return finish_sequence(byte, events[0]);
    case State::SingleShift:
        m_state = State::Ground;
        return finish_sequence(byte, events[0]);
    }
    return 0;
}

unsigned SerialDecoder::finish_sequence(uint8_t final_byte, KeyEvent& event)
{
    Key key = final_byte == '~' ? tilde_key(m_parameter) : letter_key(final_byte);
    if (key == Key::None)
        return 0; // an unknown sequence is dropped whole
    event = pressed(key);
    return 1;
}

unsigned SerialDecoder::ground(uint8_t byte, KeyEvent& event)
{
    bool after_carriage_return = m_after_carriage_return;
    m_after_carriage_return = byte == '\r';
    if (m_utf8.in_sequence() && !kstd::is_utf8_continuation(byte))
        m_utf8.reset(); // a character cut short types nothing
    if (byte >= 0x80) {
        char32_t decoded[2];
        bool typed = m_utf8.feed(byte, decoded) == 1 && decoded[0] != kstd::REPLACEMENT_CHARACTER
            && decoded[0] >= 0xA0; // not a C1 control character
        if (!typed)
            return 0;
        event = pressed(Key::Character, decoded[0]);
        return 1;
    }
    if (byte == ESC) {
        m_state = State::Escape;
        return 0;
    }
    if (byte == '\r' || byte == '\n') {
        if (byte == '\n' && after_carriage_return)
            return 0; // the second half of "\r\n"
        event = pressed(Key::Enter, '\n');
        return 1;
    }
    if (byte == DEL || byte == '\b') {
        event = pressed(Key::Backspace, '\b');
        return 1;
    }
    if (byte == '\t') {
        event = pressed(Key::Tab, '\t');
        return 1;
    }
    if (byte >= 1 && byte <= 26) {
        event = pressed(Key::Character, static_cast<char>('a' + byte - 1), modifier::CTRL);
        return 1;
    }
    if (byte == 0 || (byte >= 0x1C && byte <= 0x1F)) { // Ctrl with @, \, ], ^ or _
        event = pressed(Key::Character, static_cast<char>('@' + byte), modifier::CTRL);
        return 1;
    }
    if (byte >= 0x20 && byte < DEL) {
        event = pressed(Key::Character, static_cast<char>(byte));
        return 1;
    }
    return 0; // other control bytes are not keys
}

} // namespace input
