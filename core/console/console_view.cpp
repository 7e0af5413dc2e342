// Console: what the screen's rows show — the scrollback view and the status line (see
// console.hpp).
//
// The view is an offset back into the scrollback: with offset n the top n rows show the
// n newest scrollback lines and the text rows follow below them, as on Linux's VGA
// console. Anything that writes snaps the offset back to 0 first (prepare_output()). The
// status line, when shown, is the last screen row; the text rows end above it. Neither is
// mirrored to the serial line: a terminal has its own scrollback, and a status line there
// would be mixed into the session's text.
#include <console/console.hpp>
#include <sync/interrupt_guard.hpp>

namespace console {

void Console::set_view_offset(uint16_t offset)
{
    if (offset == m_view_offset)
        return;
    m_view_offset = offset;
    repaint();
}

void Console::snap_view_to_bottom()
{
    set_view_offset(0);
}

void Console::view_back()
{
    ksync::InterruptGuard guard;
    if (screen_borrowed())
        return;
    uint16_t wanted = static_cast<uint16_t>(m_view_offset + m_text_rows / 2);
    set_view_offset(wanted < m_scrollback.count() ? wanted : m_scrollback.count());
}

void Console::view_forward()
{
    ksync::InterruptGuard guard;
    if (screen_borrowed())
        return;
    uint16_t step = static_cast<uint16_t>(m_text_rows / 2);
    set_view_offset(m_view_offset > step ? static_cast<uint16_t>(m_view_offset - step) : 0);
}

bool Console::handle_key(const input::KeyEvent& event)
{
    bool page_up = event.key == input::Key::PageUp;
    if (!event.has(input::modifier::SHIFT) || (!page_up && event.key != input::Key::PageDown))
        return false;
    if (event.pressed && page_up)
        view_back();
    else if (event.pressed)
        view_forward();
    return true;
}

void Console::set_status_line_enabled(bool enabled)
{
    ksync::InterruptGuard guard;
    if (enabled == m_status_enabled)
        return;
    m_status_enabled = enabled;
    if (!m_full_screen)
        apply_layout();
}

void Console::set_status_line(kstd::Span<const hal::Cell> cells)
{
    ksync::InterruptGuard guard;
    for (uint16_t col = 0; col < m_cols && col < cells.size(); ++col)
        m_status[col] = cells[col];
    if (!status_line_shown() || !m_output.put_cell)
        return;
    for (uint16_t col = 0; col < m_cols; ++col)
        m_output.put_cell(col, static_cast<uint16_t>(m_rows - 1), m_status[col]);
}

// Fits the text rows to the status line (outside full screen): when they shrink under the
// cursor, the text scrolls up (into the scrollback) to keep the cursor's line; a row they
// regain starts blank. The scroll region becomes the whole text area again. Then the whole
// screen is drawn again.
void Console::apply_layout()
{
    m_view_offset = 0;
    uint16_t wanted = status_line_shown() && m_rows > 1 ? static_cast<uint16_t>(m_rows - 1) : m_rows;
    while (m_row >= wanted) {
        scroll_up();
        --m_row;
    }
    for (uint16_t row = m_text_rows; row < wanted; ++row) {
        for (uint16_t col = 0; col < m_cols; ++col)
            m_cells[row][col] = blank_cell();
    }
    m_text_rows = wanted;
    reset_scroll_region();
    repaint();
}

} // namespace console
