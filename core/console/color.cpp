// Colour names as the shell's `color` command spells them.
#include <console/color.hpp>

namespace console {

namespace {
constexpr const char* names[COLOR_COUNT] = {
    "black", "blue", "green", "cyan", "red", "magenta", "brown", "light-gray",
    "dark-gray", "light-blue", "light-green", "light-cyan", "light-red", "light-magenta",
    "yellow", "white",
};
} // namespace

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
