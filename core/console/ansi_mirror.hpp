// AnsiMirror: turns console operations into the byte stream a serial terminal understands.
//
// Printable ASCII passes through; colours become SGR sequences (emitted lazily, only when
// the style of the next visible character differs from the terminal's); erase and cursor
// moves become CSI sequences. Bytes outside printable ASCII are shown as '?', since the
// screen's code page 437 glyphs have no single-byte equivalent on a UTF-8 terminal.
#pragma once
#include <console/color.hpp>
#include <stdint.h>

namespace console {

class AnsiMirror {
public:
    using ByteSink = void (*)(char byte);

    explicit AnsiMirror(ByteSink sink) : m_sink(sink) {}

    void visible_char(char character, Style style);
    void control_char(char character); // '\n', '\r', '\b', '\t'
    void erase_to_end_of_line(Style style);
    void cursor_left(uint16_t columns);
    void clear_screen(Style style);

private:
    void emit(char byte);
    void emit_text(const char* text);
    void emit_number(unsigned number);
    void select_style(Style style);

    ByteSink m_sink;
    Style m_terminal_style = DEFAULT_STYLE;
};

} // namespace console
