// Console: the screen as a whole — repainting, the cursor's visibility, and full-screen
// programs that borrow the grid and give it back (see console.hpp).
//
// A full-screen program gets a blank grid of all the screen's rows (the status line and
// the scrollback view step aside) and addresses cells with put_cell_at(); the console
// keeps the screen it replaced in m_saved and puts it back, cells, cursor and style, when
// the program ends. The serial mirror does the same with the terminal's alternate screen,
// so the terminal's own scrollback is left as it was.
//
// Programs that write escape sequences get the same through the alternate screen (CSI
// ?1049h/l, also ?1047 and ?47): the screen, cursor and colours are saved and come back,
// but the layout (the status line) stays, and so does the cursor where it was, as in
// xterm. Full screen and the alternate screen share the saved screen, so they do not nest:
// a game that starts while a program left the alternate screen on ends it first.
#include <console/console.hpp>
#include <kstd/verify.hpp>
#include <sync/interrupt_guard.hpp>

namespace console {

void Console::fill(hal::Cell cell)
{
    for (uint16_t row = 0; row < m_text_rows; ++row) {
        for (uint16_t col = 0; col < m_cols; ++col)
            store_cell(col, row, cell);
    }
}

hal::Cell Console::cell_at(uint16_t col, uint16_t row) const
{
    if (col >= m_cols || row >= m_rows)
        return { 0, 0 };
    if (row >= m_text_rows)
        return m_status[col];
    if (row < m_view_offset)
        return m_scrollback.line(static_cast<uint16_t>(m_view_offset - row))[col];
    return m_cells[row - m_view_offset][col];
}

void Console::repaint()
{
    if (m_output.put_cell) {
        for (uint16_t row = 0; row < m_rows; ++row) {
            for (uint16_t col = 0; col < m_cols; ++col)
                m_output.put_cell(col, row, cell_at(col, row));
        }
    }
    update_cursor();
}

// Called before anything that writes at the cursor: the screen must show the cursor's
// rows, and the serial terminal's cursor must be where the console's is, even after cells
// were addressed directly.
void Console::prepare_output()
{
    snap_view_to_bottom();
    m_mirror.sync_cursor(m_col, m_row);
}

void Console::save_screen()
{
    __builtin_memcpy(m_saved.cells, m_cells, sizeof m_cells);
    m_saved.text_rows = m_text_rows;
    m_saved.col = m_col;
    m_saved.row = m_row;
    m_saved.wrap_pending = m_wrap_pending;
    m_saved.style = m_style;
    m_saved.rendition = m_rendition;
    m_saved.cursor_visible = m_cursor_visible;
}

// Puts back what save_screen() kept; the caller then fits the layout (apply_layout()).
void Console::restore_screen()
{
    __builtin_memcpy(m_cells, m_saved.cells, sizeof m_cells);
    m_text_rows = m_saved.text_rows;
    m_col = m_saved.col;
    m_row = m_saved.row;
    m_wrap_pending = m_saved.wrap_pending;
    m_style = m_saved.style;
    m_rendition = m_saved.rendition;
    m_cursor_visible = m_saved.cursor_visible;
}

void Console::begin_full_screen()
{
    ksync::InterruptGuard guard;
    VERIFY(!m_full_screen);
    leave_alternate_screen();
    m_view_offset = 0;
    m_full_screen = true;
    save_screen();

    m_style = DEFAULT_STYLE;
    m_rendition = {};
    m_col = 0;
    m_row = 0;
    m_wrap_pending = false;
    m_cursor_visible = false;
    m_text_rows = m_rows;
    reset_scroll_region();
    m_mirror.enter_alternate_screen();
    m_mirror.show_cursor(false);
    fill(blank_cell());
    update_cursor();
}

void Console::end_full_screen()
{
    ksync::InterruptGuard guard;
    VERIFY(m_full_screen);
    m_full_screen = false;
    restore_screen();
    m_mirror.leave_alternate_screen();
    m_mirror.show_cursor(m_cursor_visible);
    apply_layout(); // the status line may have been turned on or off meanwhile
}

// Called from escape sequences, so already with interrupts off and the view at the bottom.
void Console::enter_alternate_screen()
{
    if (screen_borrowed())
        return;
    save_screen();
    m_alternate = true;
    m_mirror.enter_alternate_screen();
    fill(blank_cell());
    if (erase_style() != DEFAULT_STYLE)
        m_mirror.edit(erase_style(), 2, 'J');
    m_mirror.move_to(m_col, m_row);
}

void Console::leave_alternate_screen()
{
    if (!m_alternate)
        return;
    m_alternate = false;
    if (m_scroll_top != 0 || m_scroll_bottom + 1 != m_text_rows)
        m_mirror.scroll_region(0, 0, true);
    bool cursor_visible = m_cursor_visible; // the program's to choose, as in xterm
    restore_screen();
    m_cursor_visible = cursor_visible;
    m_mirror.leave_alternate_screen();
    apply_layout();
}

void Console::put_cell_at(uint16_t col, uint16_t row, hal::Cell cell)
{
    ksync::InterruptGuard guard;
    if (col >= m_cols || row >= m_text_rows)
        return;
    snap_view_to_bottom();
    hal::Cell old = m_cells[row][col];
    if (old.character == cell.character && old.attribute == cell.attribute)
        return;
    store_cell(col, row, cell);
    if (m_full_screen)
        m_mirror.cell_at(col, row, static_cast<char>(cell.character), Style::from_attribute(cell.attribute));
}

void Console::set_cursor_visible(bool visible)
{
    ksync::InterruptGuard guard;
    if (visible == m_cursor_visible)
        return;
    m_cursor_visible = visible;
    m_mirror.show_cursor(visible);
    update_cursor();
}

} // namespace console
