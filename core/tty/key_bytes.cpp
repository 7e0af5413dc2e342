// Key events to terminal bytes (see key_bytes.hpp).
#include <kstd/string_view.hpp>
#include <kstd/utf8.hpp>
#include <tty/key_bytes.hpp>

namespace tty {

namespace {
constexpr char ESC = 0x1b;

// The escape sequence of a key that types no character, or an empty view.
kstd::StringView sequence_of(input::Key key, bool application_cursor_keys)
{
    using input::Key;
    switch (key) {
    case Key::Up: return application_cursor_keys ? "\x1bOA" : "\x1b[A";
    case Key::Down: return application_cursor_keys ? "\x1bOB" : "\x1b[B";
    case Key::Right: return application_cursor_keys ? "\x1bOC" : "\x1b[C";
    case Key::Left: return application_cursor_keys ? "\x1bOD" : "\x1b[D";
    case Key::Home: return "\x1b[1~";
    case Key::Insert: return "\x1b[2~";
    case Key::Delete: return "\x1b[3~";
    case Key::End: return "\x1b[4~";
    case Key::PageUp: return "\x1b[5~";
    case Key::PageDown: return "\x1b[6~";
    case Key::F1: return "\x1b[[A";
    case Key::F2: return "\x1b[[B";
    case Key::F3: return "\x1b[[C";
    case Key::F4: return "\x1b[[D";
    case Key::F5: return "\x1b[[E";
    case Key::F6: return "\x1b[17~";
    case Key::F7: return "\x1b[18~";
    case Key::F8: return "\x1b[19~";
    case Key::F9: return "\x1b[20~";
    case Key::F10: return "\x1b[21~";
    case Key::F11: return "\x1b[23~";
    case Key::F12: return "\x1b[24~";
    case Key::Escape: return "\x1b";
    case Key::Backspace: return "\x7f";
    case Key::Tab: return "\t";
    case Key::Enter: return "\r";
    default: return {};
    }
}

// Ctrl with a character: its C0 control, or -1 when Ctrl changes nothing.
int control_code_of(char32_t character)
{
    if (character >= 'a' && character <= 'z')
        return int(character - 'a' + 1);
    if (character >= '@' && character <= '_') // @, A-Z, [, \, ], ^, _
        return int(character - '@');
    if (character == ' ' || character == '2')
        return 0;
    if (character == '?')
        return 0x7f;
    return -1;
}
} // namespace

size_t key_bytes(const input::KeyEvent& event, bool application_cursor_keys, char (&out)[KEY_BYTES_MAX])
{
    if (!event.pressed)
        return 0;
    size_t length = 0;
    if (event.has(input::modifier::ALT))
        out[length++] = ESC;
    if (event.key == input::Key::Character) {
        int control = event.has(input::modifier::CTRL) ? control_code_of(event.character) : -1;
        if (control >= 0) {
            out[length++] = char(control);
            return length;
        }
        return length + kstd::utf8_encode(event.character, out + length);
    }
    kstd::StringView sequence = sequence_of(event.key, application_cursor_keys);
    if (sequence.empty())
        return 0;
    for (char byte : sequence)
        out[length++] = byte;
    return length;
}

} // namespace tty
