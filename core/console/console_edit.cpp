// Console: the cursor moves, erasing, inserting, deleting and scrolling that escape
// sequences ask for (see console.hpp). Nothing here talks to the serial mirror:
// console_escape.cpp mirrors each sequence once it has been carried out.
//
// The rules are Linux's (drivers/tty/vt/vt.c, man 4 console_codes): the cursor is
// clamped to the screen, or to the scroll region in origin mode; blanks take the current
// background colour; inserting and deleting lines only happens inside the scroll region,
// from the cursor's line down to the region's bottom; characters inserted or deleted move
// the rest of the cursor's line, and what is pushed past the last column is lost.
#include <console/console.hpp>

namespace console {

namespace {
int clamp(int value, int low, int high)
{
    return value < low ? low : value > high ? high : value;
}
} // namespace

void Console::go_to(int col, int row)
{
    int top = m_origin_mode ? m_scroll_top : 0;
    int bottom = m_origin_mode ? m_scroll_bottom : m_text_rows - 1;
    m_col = static_cast<uint16_t>(clamp(col, 0, m_cols - 1));
    m_row = static_cast<uint16_t>(clamp(row, top, bottom));
    m_wrap_pending = false;
}

void Console::move_relative(int cols, int rows)
{
    go_to(m_col + cols, m_row + rows);
}

void Console::go_to_absolute(uint16_t col, uint16_t row)
{
    go_to(col, row + (m_origin_mode ? m_scroll_top : 0));
}

void Console::erase_cells(uint16_t row, uint16_t from, uint16_t to)
{
    hal::Cell blank = blank_cell();
    for (uint16_t col = from; col < to && col < m_cols; ++col)
        store_cell(col, row, blank);
}

// 0: from the cursor to the end, 1: from the start to the cursor (included), 2: all of
// it, 3: all of it and the scrollback too.
void Console::erase_display(uint16_t mode)
{
    uint16_t first_row = mode == 0 ? static_cast<uint16_t>(m_row + 1) : 0;
    uint16_t end_row = mode == 1 ? m_row : m_text_rows;
    for (uint16_t row = first_row; row < end_row; ++row)
        erase_cells(row, 0, m_cols);
    if (mode == 0)
        erase_cells(m_row, m_col, m_cols);
    else if (mode == 1)
        erase_cells(m_row, 0, static_cast<uint16_t>(m_col + 1));
    else if (mode == 3)
        m_scrollback.clear();
    m_wrap_pending = false;
}

void Console::erase_line(uint16_t mode)
{
    if (mode == 0)
        erase_cells(m_row, m_col, m_cols);
    else if (mode == 1)
        erase_cells(m_row, 0, static_cast<uint16_t>(m_col + 1));
    else
        erase_cells(m_row, 0, m_cols);
    m_wrap_pending = false;
}

void Console::insert_cells(uint16_t count)
{
    uint16_t room = static_cast<uint16_t>(m_cols - m_col);
    if (count > room)
        count = room;
    if (count == 0)
        return;
    for (uint16_t col = static_cast<uint16_t>(m_cols - 1); col >= m_col + count; --col)
        store_cell(col, m_row, m_cells[m_row][col - count]);
    erase_cells(m_row, m_col, static_cast<uint16_t>(m_col + count));
}

void Console::delete_cells(uint16_t count)
{
    uint16_t room = static_cast<uint16_t>(m_cols - m_col);
    if (count > room)
        count = room;
    for (uint16_t col = m_col; col + count < m_cols; ++col)
        store_cell(col, m_row, m_cells[m_row][col + count]);
    erase_cells(m_row, static_cast<uint16_t>(m_cols - count), m_cols);
}

void Console::insert_lines(uint16_t count)
{
    if (m_row < m_scroll_top || m_row > m_scroll_bottom)
        return;
    scroll_region_down(m_row, m_scroll_bottom, count);
}

void Console::delete_lines(uint16_t count)
{
    if (m_row < m_scroll_top || m_row > m_scroll_bottom)
        return;
    scroll_region_up(m_row, m_scroll_bottom, count, false);
}

void Console::copy_row(uint16_t from, uint16_t to)
{
    for (uint16_t col = 0; col < m_cols; ++col)
        store_cell(col, to, m_cells[from][col]);
}

void Console::scroll_region_up(uint16_t top, uint16_t bottom, uint16_t count, bool to_scrollback)
{
    uint16_t height = static_cast<uint16_t>(bottom - top + 1);
    if (count > height)
        count = height;
    if (count == 0)
        return;
    bool keep = to_scrollback && top == 0 && bottom + 1 == m_text_rows && !screen_borrowed();
    for (uint16_t line = 0; keep && line < count; ++line)
        m_scrollback.push(m_cells[line], m_cols);
    for (uint16_t row = top; row + count <= bottom; ++row)
        copy_row(static_cast<uint16_t>(row + count), row);
    for (uint16_t row = static_cast<uint16_t>(bottom + 1 - count); row <= bottom; ++row)
        erase_cells(row, 0, m_cols);
}

void Console::scroll_region_down(uint16_t top, uint16_t bottom, uint16_t count)
{
    uint16_t height = static_cast<uint16_t>(bottom - top + 1);
    if (count > height)
        count = height;
    if (count == 0)
        return;
    for (uint16_t row = bottom; row >= top + count; --row)
        copy_row(static_cast<uint16_t>(row - count), row);
    for (uint16_t row = top; row < top + count; ++row)
        erase_cells(row, 0, m_cols);
}

// The whole text area up one line, into the scrollback.
void Console::scroll_up()
{
    scroll_region_up(0, static_cast<uint16_t>(m_text_rows - 1), 1, true);
}

} // namespace console
