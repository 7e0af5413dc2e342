// The 16 VGA text colours and the style (foreground + background) a cell is drawn in.
//
//     println(fg(Color::LightGreen), "ok");
//     println(colors(Color::White, Color::Red), "KERNEL PANIC");
#pragma once
#include <kstd/string_view.hpp>
#include <stdint.h>

namespace console {

// In VGA attribute order: the value is the 4-bit colour index.
enum class Color : uint8_t {
    Black, Blue, Green, Cyan, Red, Magenta, Brown, LightGray,
    DarkGray, LightBlue, LightGreen, LightCyan, LightRed, LightMagenta, Yellow, White,
};
inline constexpr unsigned COLOR_COUNT = 16;

struct Style {
    Color foreground = Color::LightGray;
    Color background = Color::Black;

    constexpr uint8_t attribute() const
    {
        return static_cast<uint8_t>(static_cast<uint8_t>(background) << 4
                                    | static_cast<uint8_t>(foreground));
    }
    static constexpr Style from_attribute(uint8_t attribute)
    {
        return { static_cast<Color>(attribute & 0xF), static_cast<Color>(attribute >> 4) };
    }
    constexpr bool operator==(const Style&) const = default;
};

inline constexpr Style DEFAULT_STYLE {};

constexpr Style fg(Color foreground) { return { foreground, Color::Black }; }
constexpr Style colors(Color foreground, Color background) { return { foreground, background }; }

// Colours of SGR sequences: ANSI colour 0-7 (black, red, green, yellow, blue, magenta,
// cyan, white; 8-15 the bright ones), and the nearest of the 16 to an RGB triple or to an
// entry of xterm's 256-colour palette (16-231 a 6x6x6 cube, 232-255 grays).
Color color_from_ansi(uint8_t index);
Color nearest_color(uint8_t red, uint8_t green, uint8_t blue);
Color color_from_256(uint8_t index);

// "light-green" <-> Color::LightGreen. parse returns false for an unknown name.
kstd::StringView color_name(Color color);
bool parse_color(kstd::StringView name, Color& color);

} // namespace console
