// AnsiMirror: console operations as ANSI/ECMA-48 bytes (see ansi_mirror.hpp).
#include <console/ansi_mirror.hpp>
#include <console/cp437.hpp>
#include <kstd/utf8.hpp>

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

void AnsiMirror::write(kstd::StringView bytes)
{
    if (!m_sink || m_muted)
        return;
    for (char byte : bytes)
        m_sink(byte);
}

void AnsiMirror::select_style(Style style)
{
    if (m_terminal_style_known && style == m_terminal_style)
        return;
    m_terminal_style = style;
    m_terminal_style_known = true;
    if (style == DEFAULT_STYLE)
        emit("\x1b[0m");
    else
        emit("\x1b[0;{};{}m", foreground_code(style.foreground), background_code(style.background));
}

void AnsiMirror::set_muted(bool muted)
{
    if (m_muted && !muted) {
        m_terminal_style_known = false;
        m_addressed_cursor.reset();
    }
    m_muted = muted;
}

void AnsiMirror::put_visible(char32_t character)
{
    char utf8[kstd::MAX_UTF8_BYTES];
    write({ utf8, kstd::utf8_encode(character, utf8) });
}

void AnsiMirror::visible_char(char32_t character, Style style)
{
    select_style(style);
    put_visible(character);
}

void AnsiMirror::control_char(char character)
{
    if (character == '\n')
        select_style(DEFAULT_STYLE); // so the terminal's new line is not painted
    write({ &character, 1 });
}

void AnsiMirror::erase_to_end_of_line(Style style)
{
    select_style(style);
    emit("\x1b[K");
}

void AnsiMirror::cursor_left(uint16_t columns)
{
    if (columns != 0)
        emit("\x1b[{}D", columns);
}

void AnsiMirror::clear_screen(Style style)
{
    select_style(style);
    emit("\x1b[2J\x1b[H");
    m_addressed_cursor.reset();
}

void AnsiMirror::edit(Style style, uint16_t count, char final)
{
    select_style(style);
    emit("\x1b[{}{}", count, final);
}

void AnsiMirror::raw(kstd::StringView bytes)
{
    write(bytes);
}

void AnsiMirror::move_to(uint16_t col, uint16_t row)
{
    emit("\x1b[{};{}H", row + 1, col + 1);
}

void AnsiMirror::move_by(int rows, uint16_t col)
{
    if (rows < 0)
        emit("\x1b[{}A", -rows);
    else if (rows > 0)
        emit("\x1b[{}B", rows);
    emit("\x1b[{}G", col + 1);
}

void AnsiMirror::scroll_region(uint16_t top, uint16_t bottom, bool whole)
{
    if (whole)
        emit("\x1b[r");
    else
        emit("\x1b[{};{}r", top + 1, bottom + 1);
}

void AnsiMirror::reset()
{
    emit("\x1b" "c");
    m_terminal_style = DEFAULT_STYLE;
    m_addressed_cursor.reset();
}

void AnsiMirror::enter_alternate_screen()
{
    // The switch saves the terminal's style with its cursor (DECSC); saving the default
    // one means the terminal is back in it after leave_alternate_screen().
    select_style(DEFAULT_STYLE);
    emit("\x1b[?1049h\x1b[2J\x1b[H");
    m_addressed_cursor.reset();
}

void AnsiMirror::leave_alternate_screen()
{
    emit("\x1b[?1049l");
    m_terminal_style = DEFAULT_STYLE;
    m_addressed_cursor.reset();
}

void AnsiMirror::show_cursor(bool visible)
{
    emit(visible ? "\x1b[?25h" : "\x1b[?25l");
}

void AnsiMirror::cell_at(uint16_t col, uint16_t row, char character, Style style)
{
    bool already_there = m_addressed_cursor && m_addressed_cursor.value().col == col
        && m_addressed_cursor.value().row == row;
    if (!already_there)
        emit("\x1b[{};{}H", row + 1, col + 1);
    select_style(style);
    put_visible(cp437_to_unicode(static_cast<uint8_t>(character)));
    m_addressed_cursor = Position { static_cast<uint16_t>(col + 1), row };
}

void AnsiMirror::sync_cursor(uint16_t col, uint16_t row)
{
    if (!m_addressed_cursor)
        return;
    emit("\x1b[{};{}H", row + 1, col + 1);
    m_addressed_cursor.reset();
}

} // namespace console
