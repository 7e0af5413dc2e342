// AnsiMirror: console operations as ANSI/ECMA-48 bytes (see ansi_mirror.hpp).
#include <console/ansi_mirror.hpp>

namespace console {

namespace {
// VGA colour index -> ANSI colour number (VGA orders blue/red the other way round).
constexpr uint8_t ansi_color_of[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

unsigned foreground_code(Color color)
{
    auto index = static_cast<uint8_t>(color);
    return (index >= 8 ? 90u : 30u) + ansi_color_of[index & 7];
}

unsigned background_code(Color color)
{
    auto index = static_cast<uint8_t>(color);
    return (index >= 8 ? 100u : 40u) + ansi_color_of[index & 7];
}
} // namespace

void AnsiMirror::emit(char byte)
{
    if (m_sink)
        m_sink(byte);
}

void AnsiMirror::emit_text(const char* text)
{
    while (*text)
        emit(*text++);
}

void AnsiMirror::emit_number(unsigned number)
{
    char digits[10];
    unsigned count = 0;
    do {
        digits[count++] = static_cast<char>('0' + number % 10);
        number /= 10;
    } while (number != 0);
    while (count > 0)
        emit(digits[--count]);
}

void AnsiMirror::select_style(Style style)
{
    if (style == m_terminal_style)
        return;
    m_terminal_style = style;
    if (style == DEFAULT_STYLE) {
        emit_text("\x1b[0m");
        return;
    }
    emit_text("\x1b[0;");
    emit_number(foreground_code(style.foreground));
    emit(';');
    emit_number(background_code(style.background));
    emit('m');
}

void AnsiMirror::visible_char(char character, Style style)
{
    select_style(style);
    bool printable = character >= 0x20 && character < 0x7F;
    emit(printable ? character : '?');
}

void AnsiMirror::control_char(char character)
{
    if (character == '\n')
        select_style(DEFAULT_STYLE); // so the terminal's new line is not painted
    emit(character);
}

void AnsiMirror::erase_to_end_of_line(Style style)
{
    select_style(style);
    emit_text("\x1b[K");
}

void AnsiMirror::cursor_left(uint16_t columns)
{
    if (columns == 0)
        return;
    emit_text("\x1b[");
    emit_number(columns);
    emit('D');
}

void AnsiMirror::clear_screen(Style style)
{
    select_style(style);
    emit_text("\x1b[2J\x1b[H");
}

} // namespace console
