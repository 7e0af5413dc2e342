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

    void enter_alternate_screen(); // also clears it and homes the cursor
    void leave_alternate_screen();
    void show_cursor(bool visible);
    // One cell at 0-based (col, row): CSI row;col H (unless the cursor is already there),
    // then the character in its style.
    void cell_at(uint16_t col, uint16_t row, char character, Style style);
    // Moves the terminal's cursor to (col, row) if cell_at() moved it away.
    void sync_cursor(uint16_t col, uint16_t row);

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
    // Where the terminal's cursor is after cell_at(); none while text flows normally.
    kstd::Optional<Position> m_addressed_cursor;
};

} // namespace console
