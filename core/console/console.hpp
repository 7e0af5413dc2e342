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
// Control characters: '\n' new line (also to column 0 while the LF/NL mode, CSI 20h, is
// on, as it is from the start; CSI 20l makes it a plain line feed, as on Linux), VT and FF
// the same, '\r' to column 0, '\t' to the next multiple of 8, '\b' one column left
// (non-destructive, like a terminal), SO/SI switch to the G1/G0 character set; NUL, BEL,
// CAN, SUB and DEL are ignored. Writing past the last column wraps (deferred, as on a VT100:
// a full line followed by '\n' makes no blank line); past the last row of the scroll
// region the region scrolls up.
//
// Escape sequences are those of Linux's console (man 4 console_codes), which full-screen
// programs (vi, top, less) write for TERM=linux, vt100 or xterm: escape_parser.hpp splits
// them out of the text (they too may be split across writes), and the console carries out
// cursor movement and addressing (CUU..CUP, HVP, VPA, CHA, HPR, VPR), erasing (ED, EL, ECH),
// editing (IL, DL, ICH, DCH, SU, SD), the scroll region (DECSTBM) with IND, RI and NEL,
// colours and attributes (SGR, console_sgr.cpp), DECSC/DECRC (and CSI s/u), the modes
// DECTCEM (?25), DECAWM (?7), DECOM (?6), IRM (4), LNM (20), DECCKM (?1) and DECKPAM
// (ESC =) for the keyboard, the alternate screen (?1049, ?1047, ?47), DEC line drawing
// (ESC ( 0, ESC ) 0 with SO/SI) and RIS (ESC c). Reports (DSR 5n and 6n, DA)
// go to a reply sink the terminal layer installs; without one they are dropped. Anything
// else is swallowed. Positions are clamped to the screen (to the region in origin mode),
// and erasing uses the current background colour. The mirror gets each operation as an
// equivalent, normalised sequence (ansi_mirror.hpp), not the bytes the program wrote.
//
// The screen (not the serial mirror, as a terminal has its own) also offers:
// - scrollback: lines that leave the top of the whole text area are kept (scrollback.hpp)
//   and the view can move back through them by half screens (Shift+PageUp/PageDown); new
//   output snaps it back. Lines scrolled out of a smaller region are not kept;
// - a status line: an optional last row the kernel fills (status_line.hpp), which takes
//   that row from the text, so rows() is one less while it is shown;
// - full screen: programs (games) borrow the whole grid and address cells directly, and
//   the screen they replaced comes back when they end. The alternate screen is the same
//   for programs that write escape sequences, but keeps the layout and the cursor.
// console.cpp writes text; console_escape.cpp runs escape sequences, console_edit.cpp
// the cursor moves, erasing and scrolling they need, console_sgr.cpp colours,
// console_modes.cpp modes, reports and the reset;
// console_screen.cpp handles the screen as a whole, full screen and the alternate screen;
// console_view.cpp the scrollback view and the status line.
#pragma once
#include <console/ansi_mirror.hpp>
#include <console/color.hpp>
#include <console/escape_parser.hpp>
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

    // Where the console's answers to reports (DSR, DA) go, as the bytes a terminal would
    // send back: "\x1b[0n", "\x1b[<row>;<col>R", "\x1b[?6c".
    using ReplySink = void (*)(void* context, kstd::StringView reply);

    // cols/rows are clamped to MAX_COLS/MAX_ROWS.
    Console(ConsoleOutput output, uint16_t cols, uint16_t rows);

    // Starts drawing on a screen (and repaints it from the console's cells).
    void attach_screen(decltype(ConsoleOutput::put_cell) put_cell,
                       decltype(ConsoleOutput::set_cursor) set_cursor);

    void write(kstd::StringView text) override;
    // Writes `text` on the screen only, leaving the serial mirror out (the serial line is a
    // terminal of its own, /dev/ttyS0, and what a program writes to the screen's is not its).
    void write_to_screen_only(kstd::StringView text);

    // The colours text is written in. SGR attributes (bold, reverse...) are kept apart and
    // left as they are by set_style(), so print(style, ...) inside a program's output does
    // not undo them.
    Style style() const { return m_style; }
    void set_style(Style style);

    // Installs (or, with nullptr, removes) the sink for replies to reports. It is called
    // from inside write(), with interrupts off: it must only queue the bytes for the
    // reader (the terminal's input), never block or write to the console.
    void set_reply_sink(ReplySink sink, void* context);

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
    // The alternate screen of escape sequences (CSI ?1049h ... CSI ?1049l).
    bool in_alternate_screen() const { return m_alternate; }
    // What a program asked the keyboard to send: cursor keys as ESC O A rather than
    // ESC [ A (DECCKM, CSI ?1h), the keypad's application codes (DECKPAM, ESC =).
    bool application_cursor_keys() const { return m_application_cursor_keys; }
    bool application_keypad() const { return m_application_keypad; }
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
    // within what the scrollback holds. Ignored in full screen and on the alternate screen.
    void view_back();
    void view_forward();
    uint16_t view_offset() const { return m_view_offset; } // lines back; 0 at the bottom
    uint16_t scrollback_count() const { return m_scrollback.count(); }
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
    // SGR attributes beside the colours (console_sgr.cpp).
    struct Rendition {
        bool bold = false;
        bool dim = false;
        bool blink = false;
        bool reverse = false;
    };
    // G0 and G1 designations, and which one SO/SI selected.
    struct Charsets {
        bool g0_graphics = false;
        bool g1_graphics = false;
        bool shifted = false; // G1 in use
    };
    // What DECSC saves and DECRC restores.
    struct SavedCursor {
        uint16_t col = 0;
        uint16_t row = 0;
        Style style = DEFAULT_STYLE;
        Rendition rendition;
        Charsets charsets;
    };

    // console.cpp
    void put_char(char character);
    void put_character(char32_t code_point);
    // `cell` is the CP437 byte shown; `mirrored` the character the terminal gets.
    void put_printable(uint8_t cell, char32_t mirrored);
    void put_ascii(char character);
    void new_line();  // to column 0 of the next line
    void line_feed(); // to the next line; at the region's bottom the region scrolls
    void store_cell(uint16_t col, uint16_t row, hal::Cell cell);
    void update_cursor();
    void reply(kstd::StringView text);

    // console_escape.cpp
    bool feed_escape(uint8_t byte); // false: the byte is text
    void run_escape(const EscapeSequence& sequence);
    void run_csi(const EscapeSequence& sequence);
    void save_cursor();
    void restore_cursor();
    void set_scroll_region(uint16_t top, uint16_t bottom);
    void reset_scroll_region();

    // console_modes.cpp
    void set_modes(const EscapeSequence& sequence, bool on);
    void report(const EscapeSequence& sequence);
    void reset();

    // console_edit.cpp
    void go_to(int col, int row); // clamped to the screen (to the region in origin mode)
    void move_relative(int cols, int rows);
    void go_to_absolute(uint16_t col, uint16_t row); // CUP: origin mode counts from the top
    void erase_display(uint16_t mode);
    void erase_line(uint16_t mode);
    void erase_cells(uint16_t row, uint16_t from, uint16_t to); // [from, to)
    void insert_cells(uint16_t count);
    void delete_cells(uint16_t count);
    void insert_lines(uint16_t count);
    void delete_lines(uint16_t count);
    // `to_scrollback`: the lines leaving the top are kept, if the region is the whole text
    // area and the screen is not borrowed (a full-screen program's lines are not history).
    void scroll_region_up(uint16_t top, uint16_t bottom, uint16_t count, bool to_scrollback);
    void scroll_region_down(uint16_t top, uint16_t bottom, uint16_t count);
    void scroll_up();
    void copy_row(uint16_t from, uint16_t to);

    // console_sgr.cpp
    void select_graphic_rendition(const EscapeSequence& sequence);
    Style drawing_style() const; // characters: colours and every attribute
    Style erase_style() const;   // blanks: no bold or dim, as on Linux
    hal::Cell blank_cell() const { return { ' ', erase_style().attribute() }; }

    // console_screen.cpp
    void fill(hal::Cell cell);
    void repaint();
    void prepare_output();
    void save_screen();
    void restore_screen();
    void enter_alternate_screen();
    void leave_alternate_screen();
    bool screen_borrowed() const { return m_full_screen || m_alternate; }

    // console_view.cpp
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
        Rendition rendition;
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
    Rendition m_rendition;
    Charsets m_charsets;
    SavedCursor m_saved_cursor;
    uint16_t m_scroll_top = 0;    // the scroll region's rows, both included
    uint16_t m_scroll_bottom = 0;
    bool m_origin_mode = false;   // DECOM
    bool m_autowrap = true;       // DECAWM
    bool m_insert_mode = false;   // IRM
    bool m_newline_mode = true;   // LNM: '\n' also returns to column 0
    bool m_application_cursor_keys = false;
    bool m_application_keypad = false;
    bool m_cursor_visible = true;
    bool m_full_screen = false;
    bool m_alternate = false;
    bool m_status_enabled = false;
    uint16_t m_view_offset = 0;
    hal::Cell m_cells[MAX_ROWS][MAX_COLS]; // the first m_text_rows rows are in use
    hal::Cell m_status[MAX_COLS];
    SavedScreen m_saved;
    Scrollback m_scrollback;
    kstd::Utf8Decoder m_decoder;
    EscapeParser m_parser;
    ReplySink m_reply_sink = nullptr;
    void* m_reply_context = nullptr;
};

} // namespace console
