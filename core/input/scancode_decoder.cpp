// Scancode set 1 decoding with modifier tracking (see scancode_decoder.hpp).
#include <input/keymap_us.hpp>
#include <input/scancode_decoder.hpp>

namespace input {

namespace {
constexpr uint8_t EXTENDED_PREFIX = 0xE0;
constexpr uint8_t PAUSE_PREFIX = 0xE1;
constexpr uint8_t PAUSE_SEQUENCE_LENGTH = 6; // E1 1D 45 E1 9D C5
constexpr uint8_t RELEASE_BIT = 0x80;
// After 0xE0, 0x2A/0x36 are "fake shifts" the keyboard wraps around some keys.
constexpr uint8_t FAKE_LEFT_SHIFT = 0x2A;
constexpr uint8_t FAKE_RIGHT_SHIFT = 0x36;

char32_t control_character(Key key)
{
    switch (key) {
    case Key::Enter: return '\n';
    case Key::Tab: return '\t';
    case Key::Backspace: return '\b';
    default: return 0;
    }
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
} // namespace

uint8_t ScancodeDecoder::modifiers() const
{
    uint8_t bits = 0;
    if (m_left_shift || m_right_shift) bits |= modifier::SHIFT;
    if (m_left_ctrl || m_right_ctrl) bits |= modifier::CTRL;
    if (m_left_alt || m_right_alt) bits |= modifier::ALT;
    if (m_caps_lock) bits |= modifier::CAPS_LOCK;
    if (m_num_lock) bits |= modifier::NUM_LOCK;
    return bits;
}

bool ScancodeDecoder::feed(uint8_t byte, KeyEvent& event)
{
    if (m_pause_bytes_left > 0) {
        if (--m_pause_bytes_left > 0)
            return false;
        event = { Key::Pause, 0, true, false, modifiers() };
        return true;
    }
    if (byte == PAUSE_PREFIX) {
        m_extended = false;
        m_pause_bytes_left = PAUSE_SEQUENCE_LENGTH - 1;
        return false;
    }
    if (byte == EXTENDED_PREFIX) {
        m_extended = true;
        return false;
    }
    bool extended = m_extended;
    m_extended = false;
    bool pressed = (byte & RELEASE_BIT) == 0;
    uint8_t code = byte & static_cast<uint8_t>(~RELEASE_BIT);
    if (extended && (code == FAKE_LEFT_SHIFT || code == FAKE_RIGHT_SHIFT))
        return false;
    if (!decode(code, extended, pressed, event)) {
        ++m_unknown_codes;
        return false;
    }
    return true;
}

bool ScancodeDecoder::decode(uint8_t code, bool extended, bool pressed, KeyEvent& event)
{
    KeymapEntry entry = extended ? keymap_us_extended(code) : keymap_us(code);
    if (entry.key == Key::None)
        return false;
    track_modifier(entry.key, pressed);

    event = { entry.key, control_character(entry.key), pressed, entry.keypad, modifiers() };
    if (entry.key != Key::Character)
        return true;
    if (entry.navigation != Key::None && !m_num_lock) {
        event.key = entry.navigation;
        return true;
    }
    bool shift = m_left_shift || m_right_shift;
    if (is_letter(entry.normal) && m_caps_lock)
        shift = !shift;
    event.character = shift ? entry.shifted : entry.normal;
    // AltGr: the right Alt alone (with Ctrl it stays a modifier, as Ctrl+Alt+key).
    bool altgr = m_right_alt && !m_left_ctrl && !m_right_ctrl && !entry.keypad;
    if (altgr && !extended) {
        AltGrEntry international = keymap_us_altgr(code);
        char32_t typed = shift ? international.shifted : international.normal;
        if (typed != 0) {
            event.character = typed;
            event.modifiers = static_cast<uint8_t>(event.modifiers & ~modifier::ALT);
        }
    }
    return true;
}

void ScancodeDecoder::track_modifier(Key key, bool pressed)
{
    switch (key) {
    case Key::LeftShift: m_left_shift = pressed; break;
    case Key::RightShift: m_right_shift = pressed; break;
    case Key::LeftCtrl: m_left_ctrl = pressed; break;
    case Key::RightCtrl: m_right_ctrl = pressed; break;
    case Key::LeftAlt: m_left_alt = pressed; break;
    case Key::RightAlt: m_right_alt = pressed; break;
    case Key::CapsLock: if (pressed) m_caps_lock = !m_caps_lock; break;
    case Key::NumLock: if (pressed) m_num_lock = !m_num_lock; break;
    default: break;
    }
}

} // namespace input
