// Console: the cell grid, cursor, wrapping and scrolling (see console.hpp).
//
// Every public operation runs with interrupts off, so an IRQ handler that logs can never
// see (or leave) a half-updated grid.
#include <console/console.hpp>
#include <console/cp437.hpp>
#include <sync/interrupt_guard.hpp>

namespace console {

Console::Console(ConsoleOutput output, uint16_t cols, uint16_t rows)
    : m_output(output)
    , m_mirror(output.mirror_byte)
    , m_cols(cols < MAX_COLS ? cols : MAX_COLS)
    , m_rows(rows < MAX_ROWS ? rows : MAX_ROWS)
    , m_text_rows(m_rows)
{
    fill(blank_cell());
    for (hal::Cell& cell : m_status)
        cell = blank_cell();
}

void Console::attach_screen(decltype(ConsoleOutput::put_cell) put_cell,
                            decltype(ConsoleOutput::set_cursor) set_cursor)
{
    ksync::InterruptGuard guard;
    m_output.put_cell = put_cell;
    m_output.set_cursor = set_cursor;
    repaint();
}

void Console::write(kstd::StringView text)
{
    ksync::InterruptGuard guard;
    prepare_output();
    for (char byte : text) {
        if (!m_decoder.in_sequence() && static_cast<uint8_t>(byte) < 0x80) {
            put_char(byte);
            continue;
        }
        char32_t decoded[2];
        unsigned count = m_decoder.feed(static_cast<uint8_t>(byte), decoded);
        for (unsigned index = 0; index < count; ++index)
            put_character(decoded[index]);
    }
    update_cursor();
}

void Console::put_character(char32_t code_point)
{
    if (code_point < 0x80) {
        put_char(static_cast<char>(code_point));
        return;
    }
    kstd::Optional<uint8_t> cell = unicode_to_cp437(code_point);
    // C1 control characters (U+0080-U+009F) have no glyph and are not sent on either.
    bool control = code_point < 0xA0;
    put_printable(cell ? cell.value() : static_cast<uint8_t>('?'),
                  control ? kstd::REPLACEMENT_CHARACTER : code_point);
}

void Console::put_char(char character)
{
    switch (character) {
    case '\n':
        new_line();
        m_mirror.control_char('\n');
        break;
    case '\r':
        m_col = 0;
        m_wrap_pending = false;
        m_mirror.control_char('\r');
        break;
    case '\b':
        move_cursor_left(1);
        break;
    case '\t': {
        uint16_t next_stop = static_cast<uint16_t>((m_col / TAB_WIDTH + 1) * TAB_WIDTH);
        while (m_col < next_stop && m_col < m_cols - 1)
            put_printable(' ', ' ');
        break;
    }
    default: {
        auto cell = static_cast<uint8_t>(character); // ASCII: a picture below 0x20
        put_printable(cell, cp437_to_unicode(cell));
        break;
    }
    }
}

void Console::put_printable(uint8_t cell, char32_t mirrored)
{
    if (m_wrap_pending) {
        new_line();
        m_mirror.control_char('\n');
    }
    store_cell(m_col, m_row, { cell, m_style.attribute() });
    m_mirror.visible_char(mirrored, m_style);
    if (m_col + 1 < m_cols)
        ++m_col;
    else
        m_wrap_pending = true;
}

void Console::new_line()
{
    m_col = 0;
    m_wrap_pending = false;
    if (m_row + 1 < m_text_rows)
        ++m_row;
    else
        scroll_up();
}

// A full-screen program's lines are not the session's history: only others are kept.
void Console::scroll_up()
{
    if (!m_full_screen)
        m_scrollback.push(m_cells[0], m_cols);
    for (uint16_t row = 0; row + 1 < m_text_rows; ++row) {
        for (uint16_t col = 0; col < m_cols; ++col)
            store_cell(col, row, m_cells[row + 1][col]);
    }
    for (uint16_t col = 0; col < m_cols; ++col)
        store_cell(col, static_cast<uint16_t>(m_text_rows - 1), blank_cell());
}

void Console::set_style(Style style)
{
    m_style = style;
}

void Console::clear()
{
    ksync::InterruptGuard guard;
    prepare_output();
    fill(blank_cell());
    m_col = 0;
    m_row = 0;
    m_wrap_pending = false;
    m_mirror.clear_screen(m_style);
    update_cursor();
}

void Console::erase_to_end_of_line()
{
    ksync::InterruptGuard guard;
    prepare_output();
    for (uint16_t col = m_col; col < m_cols; ++col)
        store_cell(col, m_row, blank_cell());
    m_wrap_pending = false;
    m_mirror.erase_to_end_of_line(m_style);
}

void Console::move_cursor_left(uint16_t columns)
{
    ksync::InterruptGuard guard;
    prepare_output();
    // Like a terminal: moving left cancels a pending wrap and counts from the last column.
    m_wrap_pending = false;
    uint16_t moved = columns < m_col ? columns : m_col;
    m_col = static_cast<uint16_t>(m_col - moved);
    m_mirror.cursor_left(moved);
    update_cursor();
}

void Console::store_cell(uint16_t col, uint16_t row, hal::Cell cell)
{
    m_cells[row][col] = cell;
    if (m_output.put_cell)
        m_output.put_cell(col, row, cell);
}

void Console::update_cursor()
{
    if (!m_output.set_cursor)
        return;
    if (m_cursor_visible && m_view_offset == 0)
        m_output.set_cursor(m_col, m_row);
    else
        m_output.set_cursor(UINT16_MAX, UINT16_MAX); // outside the screen: hidden
}

} // namespace console
