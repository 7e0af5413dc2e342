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
    , m_scroll_bottom(static_cast<uint16_t>(m_rows - 1))
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
        if ((!m_parser.idle() || byte == '\x1b') && feed_escape(static_cast<uint8_t>(byte)))
            continue;
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

void Console::write_to_screen_only(kstd::StringView text)
{
    ksync::InterruptGuard guard;
    m_mirror.set_muted(true);
    write(text);
    m_mirror.set_muted(false);
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
    case '\v':
    case '\f':
        if (m_newline_mode) {
            new_line();
            m_mirror.control_char('\n');
        } else {
            line_feed();
            m_mirror.raw("\x1b" "D"); // IND: a '\n' might become "\r\n" on its way
        }
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
    case '\x0e': // SO
    case '\x0f': // SI
        m_charsets.shifted = character == '\x0e';
        break;
    case '\0':
    case '\a':
    case '\x18':
    case '\x1a':
    case '\x7f':
        break;
    default:
        put_ascii(character);
        break;
    }
}

// Printable ASCII through the character set in use (DEC line drawing maps 0x5F-0x7E to
// box pieces); below 0x20 a VGA picture.
void Console::put_ascii(char character)
{
    bool graphics = m_charsets.shifted ? m_charsets.g1_graphics : m_charsets.g0_graphics;
    if (graphics && character >= 0x5F && character <= 0x7E) {
        put_printable(dec_graphics_to_cp437(character), dec_graphics_to_unicode(character));
        return;
    }
    auto cell = static_cast<uint8_t>(character);
    put_printable(cell, cp437_to_unicode(cell));
}

void Console::put_printable(uint8_t cell, char32_t mirrored)
{
    if (m_wrap_pending) {
        new_line();
        m_mirror.control_char('\n');
    }
    if (m_insert_mode)
        insert_cells(1);
    Style style = drawing_style();
    store_cell(m_col, m_row, { cell, style.attribute() });
    m_mirror.visible_char(mirrored, style);
    if (m_col + 1 < m_cols)
        ++m_col;
    else if (m_autowrap)
        m_wrap_pending = true;
}

void Console::new_line()
{
    m_col = 0;
    line_feed();
}

// As on Linux: at the region's bottom the region scrolls; below the region the cursor
// goes on down to the last row, where it stays.
void Console::line_feed()
{
    m_wrap_pending = false;
    if (m_row == m_scroll_bottom)
        scroll_region_up(m_scroll_top, m_scroll_bottom, 1, true);
    else if (m_row + 1 < m_text_rows)
        ++m_row;
}

void Console::set_style(Style style)
{
    m_style = style;
}

void Console::set_reply_sink(ReplySink sink, void* context)
{
    ksync::InterruptGuard guard;
    m_reply_sink = sink;
    m_reply_context = context;
}

void Console::reply(kstd::StringView text)
{
    if (m_reply_sink)
        m_reply_sink(m_reply_context, text);
}

void Console::clear()
{
    ksync::InterruptGuard guard;
    prepare_output();
    fill(blank_cell());
    m_col = 0;
    m_row = 0;
    m_wrap_pending = false;
    m_mirror.clear_screen(erase_style());
    update_cursor();
}

void Console::erase_to_end_of_line()
{
    ksync::InterruptGuard guard;
    prepare_output();
    erase_cells(m_row, m_col, m_cols);
    m_wrap_pending = false;
    m_mirror.erase_to_end_of_line(erase_style());
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
