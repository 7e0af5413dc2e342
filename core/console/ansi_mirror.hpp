// AnsiMirror: turns console operations into the byte stream a serial terminal understands.
//
// Printable ASCII passes through; colours become SGR sequences (emitted lazily, only when
// the style of the next visible character differs from the terminal's); erase and cursor
// moves become CSI sequences. Bytes outside printable ASCII are shown as '?', since the
// screen's code page 437 glyphs have no single-byte equivalent on a UTF-8 terminal.
#pragma once
#include <console/color.hpp>
#include <kstd/format.hpp>
#include <stdint.h>

namespace console {

class AnsiMirror final : private kstd::Writer {
public:
    using ByteSink = void (*)(char byte);

    explicit AnsiMirror(ByteSink sink) : m_sink(sink) {}

    void visible_char(char character, Style style);
    void control_char(char character); // '\n', '\r', '\b', '\t'
    void erase_to_end_of_line(Style style);
    void cursor_left(uint16_t columns);
    void clear_screen(Style style);

private:
    // The bytes go to the sink (kstd::Writer, so sequences can be built with format_to).
    void write(kstd::StringView bytes) override;
    template<typename... Args>
    void emit(kstd::StringView format, const Args&... args)
    {
        kstd::format_to(*this, format, args...);
    }
    void select_style(Style style);

    ByteSink m_sink;
    Style m_terminal_style = DEFAULT_STYLE;
};

} // namespace console
