// The text console: a grid of cells with a cursor, scrolling, colours and a serial mirror.
//
// Console owns a copy of every cell (so it can scroll and be inspected by tests) and pushes
// each change to its output (the HAL screen for the kernel console, nothing for a test
// console). Everything written is mirrored to a byte sink (the debug serial line) as ANSI
// text, so a serial terminal shows the same session in colour.
//
// Text is UTF-8. Each character takes one cell, holding its CP437 byte (cp437.hpp); a
// character CP437 has no glyph for shows as '?', and so does each byte that is not UTF-8
// (as U+FFFD). A character may arrive split across write() calls. The serial mirror gets
// the characters themselves in UTF-8. Bytes 0x01-0x1F other than the control characters
// below show the VGA's pictures for them (CP437 0x01 is a smiley).
//
// Control characters: '\n' new line, '\r' to column 0, '\t' to the next multiple of 8,
// '\b' one column left (non-destructive, like a terminal). Writing past the last column
// wraps (deferred, as on a VT100: a full line followed by '\n' makes no blank line); past
// the last row the screen scrolls up.
//
// The screen (not the serial mirror, as a terminal has its own) also offers:
// - scrollback: lines that leave the top are kept (scrollback.hpp) and the view can move
//   back through them by half screens (Shift+PageUp/PageDown); new output snaps it back;
// - a status line: an optional last row the kernel fills (status_line.hpp), which takes
//   that row from the text, so rows() is one less while it is shown;
// - full screen: programs (games) borrow the whole grid and address cells directly, and
//   the screen they replaced comes back when they end.
// console.cpp writes text; console_screen.cpp handles the screen as a whole and full
// screen; console_view.cpp the scrollback view and the status line.
#pragma once
#include <console/ansi_mirror.hpp>
#include <console/color.hpp>
#include <console/scrollback.hpp>
#include <hal/console.hpp>
#include <input/key.hpp>
#include <kstd/format.hpp>
#include <kstd/span.hpp>
#include <kstd/utf8.hpp>

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

    // Blanks the text rows in the current style and homes the cursor.
    void clear();
    // Blanks from the cursor to the end of its row.
    void erase_to_end_of_line();
    // Moves the cursor left by up to `columns`, stopping at column 0.
    void move_cursor_left(uint16_t columns);

    // Full-screen programs (games): begin_full_screen() saves the screen (cells, cursor, style)
    // and gives the program the whole grid (status line hidden, scrollback view reset and
    // suspended); end_full_screen() restores exactly what was there. Not nested (VERIFY).
    // The program starts on a blank grid in the default style with the cursor hidden; the
    // serial mirror switches to the terminal's alternate screen (CSI ?1049h / ?1049l).
    void begin_full_screen();
    void end_full_screen();
    bool in_full_screen() const { return m_full_screen; }
    // Writes one cell without moving the cursor or scrolling; mirrored to the serial line as
    // cursor-addressed ANSI (CSI row;col H, then the character in its colours). Only in
    // full-screen mode is it mirrored (the terminal's rows match the grid's only on the
    // alternate screen); a cell equal to what is there already sends nothing, and the
    // position is left out when the terminal's cursor is already there. Cells outside the
    // text rows are ignored.
    void put_cell_at(uint16_t col, uint16_t row, hal::Cell cell);
    void set_cursor_visible(bool visible);
    bool cursor_visible() const { return m_cursor_visible; }

    // Scrollback: moves the screen's view back (older) or forward by half the text rows,
    // within what the scrollback holds. Ignored in full-screen mode.
    void view_back();
    void view_forward();
    uint16_t view_offset() const { return m_view_offset; } // lines back; 0 at the bottom
    // Takes the keys that belong to the console (Shift+PageUp/PageDown, pressed or
    // released); returns false for every other key.
    bool handle_key(const input::KeyEvent& event);

    // Status line: shown as the last row while enabled (and not in full screen). The cells
    // (the first cols() are used) stay until replaced, also while it is hidden.
    void set_status_line_enabled(bool enabled);
    bool status_line_enabled() const { return m_status_enabled; }
    void set_status_line(kstd::Span<const hal::Cell> cells);

    uint16_t cols() const { return m_cols; }
    // The rows text uses: the screen's, less the status line's while it is shown.
    uint16_t rows() const { return m_text_rows; }
    uint16_t screen_rows() const { return m_rows; }
    uint16_t cursor_col() const { return m_col; }
    uint16_t cursor_row() const { return m_row; }
    // What the screen shows at (col, row) of screen_rows(): text, scrollback or status line.
    hal::Cell cell_at(uint16_t col, uint16_t row) const;

private:
    void put_char(char character);
    void put_character(char32_t code_point);
    // `cell` is the CP437 byte shown; `mirrored` the character the terminal gets.
    void put_printable(uint8_t cell, char32_t mirrored);
    void new_line();
    void scroll_up();
    void store_cell(uint16_t col, uint16_t row, hal::Cell cell);
    void update_cursor();
    hal::Cell blank_cell() const { return { ' ', m_style.attribute() }; }
    void fill(hal::Cell cell);
    void repaint();
    void prepare_output();
    void snap_view_to_bottom();
    void set_view_offset(uint16_t offset);
    bool status_line_shown() const { return m_status_enabled && !m_full_screen; }
    void apply_layout();

    struct SavedScreen {
        hal::Cell cells[MAX_ROWS][MAX_COLS];
        uint16_t text_rows;
        uint16_t col;
        uint16_t row;
        bool wrap_pending;
        Style style;
        bool cursor_visible;
    };

    ConsoleOutput m_output;
    AnsiMirror m_mirror;
    uint16_t m_cols;
    uint16_t m_rows;
    uint16_t m_text_rows;
    uint16_t m_col = 0;
    uint16_t m_row = 0;
    bool m_wrap_pending = false;
    Style m_style = DEFAULT_STYLE;
    bool m_cursor_visible = true;
    bool m_full_screen = false;
    bool m_status_enabled = false;
    uint16_t m_view_offset = 0;
    hal::Cell m_cells[MAX_ROWS][MAX_COLS]; // the first m_text_rows rows are in use
    hal::Cell m_status[MAX_COLS];
    SavedScreen m_saved;
    Scrollback m_scrollback;
    kstd::Utf8Decoder m_decoder;
};

} // namespace console
