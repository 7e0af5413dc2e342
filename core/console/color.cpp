// Colour names as the shell's `color` command spells them, and the colours of SGR
// sequences mapped onto the 16 of the VGA.
#include <console/color.hpp>

namespace console {

namespace {
constexpr const char* names[COLOR_COUNT] = {
    "black", "blue", "green", "cyan", "red", "magenta", "brown", "light-gray",
    "dark-gray", "light-blue", "light-green", "light-cyan", "light-red", "light-magenta",
    "yellow", "white",
};

// VGA index of ANSI colour 0-7 (VGA orders blue and red the other way round).
constexpr uint8_t vga_of_ansi[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

// The VGA's standard palette, red, green, blue, in VGA order.
constexpr uint8_t palette[COLOR_COUNT][3] = {
    { 0, 0, 0 }, { 0, 0, 170 }, { 0, 170, 0 }, { 0, 170, 170 },
    { 170, 0, 0 }, { 170, 0, 170 }, { 170, 85, 0 }, { 170, 170, 170 },
    { 85, 85, 85 }, { 85, 85, 255 }, { 85, 255, 85 }, { 85, 255, 255 },
    { 255, 85, 85 }, { 255, 85, 255 }, { 255, 255, 85 }, { 255, 255, 255 },
};

// The levels of xterm's colour cube.
constexpr uint8_t cube_levels[6] = { 0, 95, 135, 175, 215, 255 };
} // namespace

Color color_from_ansi(uint8_t index)
{
    return static_cast<Color>((index & 8) | vga_of_ansi[index & 7]);
}

Color nearest_color(uint8_t red, uint8_t green, uint8_t blue)
{
    unsigned best = 0;
    unsigned best_distance = ~0u;
    for (unsigned index = 0; index < COLOR_COUNT; ++index) {
        int dr = red - palette[index][0];
        int dg = green - palette[index][1];
        int db = blue - palette[index][2];
        auto distance = static_cast<unsigned>(dr * dr + dg * dg + db * db);
        if (distance < best_distance) {
            best_distance = distance;
            best = index;
        }
    }
    return static_cast<Color>(best);
}

Color color_from_256(uint8_t index)
{
    if (index < 16)
        return color_from_ansi(index);
    if (index >= 232) {
        auto gray = static_cast<uint8_t>(8 + (index - 232) * 10);
        return nearest_color(gray, gray, gray);
    }
    unsigned cube = index - 16u;
    return nearest_color(cube_levels[cube / 36], cube_levels[cube / 6 % 6], cube_levels[cube % 6]);
}

kstd::StringView color_name(Color color)
{
    return names[static_cast<uint8_t>(color) & 0xF];
}

bool parse_color(kstd::StringView name, Color& color)
{
    for (unsigned index = 0; index < COLOR_COUNT; ++index) {
        if (name == names[index]) {
            color = static_cast<Color>(index);
            return true;
        }
    }
    return false;
}

} // namespace console
