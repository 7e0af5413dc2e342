// The text console: a grid of cells with a cursor, scrolling, colours and a serial mirror.
//
// Console owns a copy of every cell (so it can scroll and be inspected by tests) and pushes
// each change to its output (the HAL screen for the kernel console, nothing for a test
// console). Everything written is mirrored to a byte sink (the debug serial line) as ANSI
// text, so a serial terminal shows the same session in colour.
//
// Control characters: '\n' new line, '\r' to column 0, '\t' to the next multiple of 8,
// '\b' one column left (non-destructive, like a terminal). Writing past the last column
// wraps (deferred, as on a VT100: a full line followed by '\n' makes no blank line); past
// the last row the screen scrolls up.
#pragma once
#include <console/ansi_mirror.hpp>
#include <console/color.hpp>
#include <hal/console.hpp>
#include <kstd/format.hpp>

namespace console {

struct ConsoleOutput {
    void (*put_cell)(uint16_t col, uint16_t row, hal::Cell cell) = nullptr;
    void (*set_cursor)(uint16_t col, uint16_t row) = nullptr;
    void (*mirror_byte)(char byte) = nullptr;
};

class Console final : public kstd::Writer {
public:
    static constexpr uint16_t MAX_COLS = 80;
    static constexpr uint16_t MAX_ROWS = 25;
    static constexpr uint16_t TAB_WIDTH = 8;

    // cols/rows are clamped to MAX_COLS/MAX_ROWS.
    Console(ConsoleOutput output, uint16_t cols, uint16_t rows);

    // Starts drawing on a screen (and repaints it from the console's cells).
    void attach_screen(decltype(ConsoleOutput::put_cell) put_cell,
                       decltype(ConsoleOutput::set_cursor) set_cursor);

    void write(kstd::StringView text) override;

    Style style() const { return m_style; }
    void set_style(Style style);

    // Blanks the whole screen in the current style and homes the cursor.
    void clear();
    // Blanks from the cursor to the end of its row.
    void erase_to_end_of_line();
    // Moves the cursor left by up to `columns`, stopping at column 0.
    void move_cursor_left(uint16_t columns);

    uint16_t cols() const { return m_cols; }
    uint16_t rows() const { return m_rows; }
    uint16_t cursor_col() const { return m_col; }
    uint16_t cursor_row() const { return m_row; }
    hal::Cell cell_at(uint16_t col, uint16_t row) const;

private:
    void put_char(char character);
    void put_printable(char character);
    void new_line();
    void scroll_up();
    void store_cell(uint16_t col, uint16_t row, hal::Cell cell);
    void update_cursor();
    hal::Cell blank_cell() const { return { ' ', m_style.attribute() }; }

    ConsoleOutput m_output;
    AnsiMirror m_mirror;
    uint16_t m_cols;
    uint16_t m_rows;
    uint16_t m_col = 0;
    uint16_t m_row = 0;
    bool m_wrap_pending = false;
    Style m_style = DEFAULT_STYLE;
    hal::Cell m_cells[MAX_ROWS][MAX_COLS];
};

} // namespace console
