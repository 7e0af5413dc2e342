// AnsiMirror: turns console operations into the byte stream a serial terminal understands.
//
// Characters go out in UTF-8; colours become SGR sequences (emitted lazily, only when
// the style of the next visible character differs from the terminal's); erase and cursor
// moves become CSI sequences. Cells addressed by full-screen programs hold code page 437
// bytes (box drawing, blocks, smileys), which go out as their Unicode characters.
//
// Full-screen programs use the terminal's alternate screen and cursor-addressed cells.
// After an addressed cell the terminal's cursor is away from the console's, so the mirror
// remembers that: sync_cursor() puts it back before flowing text continues, and a cell
// right after the previous one on its row needs no cursor-position sequence at all.
//
// The escape sequences programs write are mirrored as what the console made of them, in
// a normalised form: a relative move as the rows it really moved plus the column (CHA),
// an absolute one as CUP of the clamped position, an edit with its clamped count in the
// current colours (the terminal erases in its current background, as the console does).
// So the terminal follows the console even when a program asks for the impossible. Line
// drawing characters go out as their Unicode characters, reports are not sent on. This
// assumes what every full-screen program assumes: the terminal is as large as the screen
// (80x25) and the program cleared it or switched to the alternate screen before addressing
// rows absolutely.
#pragma once
#include <console/color.hpp>
#include <kstd/format.hpp>
#include <kstd/optional.hpp>
#include <stdint.h>

namespace console {

class AnsiMirror final : private kstd::Writer {
public:
    using ByteSink = void (*)(char byte);

    explicit AnsiMirror(ByteSink sink) : m_sink(sink) {}

    void visible_char(char32_t character, Style style);
    void control_char(char character); // '\n', '\r', '\b', '\t'
    void erase_to_end_of_line(Style style);
    void cursor_left(uint16_t columns);
    void clear_screen(Style style);
    // CSI <count><final> in `style`'s colours: erasing and editing (J K X @ P L M S T).
    void edit(Style style, uint16_t count, char final);
    // Bytes sent as they are: ESC D, ESC M, mode changes.
    void raw(kstd::StringView bytes);
    // The cursor to 0-based (col, row) (CUP); or `rows` up (negative) or down, then to
    // column `col` (CHA, which also cancels a pending wrap on the terminal).
    void move_to(uint16_t col, uint16_t row);
    void move_by(int rows, uint16_t col);
    // DECSTBM with 0-based rows; `whole`: the region is the whole screen (CSI r).
    void scroll_region(uint16_t top, uint16_t bottom, bool whole);
    void reset(); // RIS: the terminal back to its initial state

    void enter_alternate_screen(); // also clears it and homes the cursor
    void leave_alternate_screen();
    void show_cursor(bool visible);
    // One cell at 0-based (col, row): CSI row;col H (unless the cursor is already there),
    // then the character in its style.
    void cell_at(uint16_t col, uint16_t row, char character, Style style);
    // Moves the terminal's cursor to (col, row) if cell_at() moved it away.
    void sync_cursor(uint16_t col, uint16_t row);
    // While muted nothing is sent. Someone else writes to the terminal meanwhile, so its
    // colours are not known afterwards: the next character sends its style in full.
    void set_muted(bool muted);

private:
    // The bytes go to the sink (kstd::Writer, so sequences can be built with format_to).
    void write(kstd::StringView bytes) override;
    template<typename... Args>
    void emit(kstd::StringView format, const Args&... args)
    {
        kstd::format_to(*this, format, args...);
    }
    void select_style(Style style);
    void put_visible(char32_t character);

    struct Position {
        uint16_t col;
        uint16_t row;
    };

    ByteSink m_sink;
    Style m_terminal_style = DEFAULT_STYLE;
    bool m_terminal_style_known = true;
    bool m_muted = false;
    // Where the terminal's cursor is after cell_at(); none while text flows normally.
    kstd::Optional<Position> m_addressed_cursor;
};

} // namespace console
