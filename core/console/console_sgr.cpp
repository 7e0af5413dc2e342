// Console: SGR, Select Graphic Rendition (CSI ... m), and the colours cells are drawn in
// (see console.hpp).
//
// The VGA has 16 foreground and 16 background colours and nothing else, so attributes
// become colours, as on Linux's console: bold makes the foreground bright, dim makes it
// dark gray, blink makes the background bright, reverse swaps foreground and background;
// underline, italic and the rest are accepted and ignored. 256-colour (38;5;n) and RGB
// (38;2;r;g;b) colours become the nearest of the 16 (color.hpp). Blanks made by erasing
// take the reverse and blink attributes but not bold or dim (Linux's erase character).
#include <console/console.hpp>

namespace console {

namespace {
Color bright(Color color)
{
    return static_cast<Color>(static_cast<uint8_t>(color) | 8);
}

// An extended colour (38 or 48) from the parameters after it, starting at `index`, which
// is moved past them; nothing when they are not 5;n or 2;r;g;b.
kstd::Optional<Color> extended_color(const EscapeSequence& sequence, unsigned& index)
{
    uint16_t kind = sequence.param(index + 1, 0);
    if (kind == 5 && index + 2 < sequence.count) {
        uint16_t entry = sequence.params[index + 2];
        index += 2;
        if (entry > 255)
            return {};
        return color_from_256(static_cast<uint8_t>(entry));
    }
    if (kind == 2 && index + 4 < sequence.count) {
        uint8_t channel[3];
        for (unsigned part = 0; part < 3; ++part) {
            uint16_t value = sequence.params[index + 2 + part];
            channel[part] = static_cast<uint8_t>(value > 255 ? 255 : value);
        }
        index += 4;
        return nearest_color(channel[0], channel[1], channel[2]);
    }
    index = sequence.count; // malformed: the rest cannot be told apart
    return {};
}
} // namespace

void Console::select_graphic_rendition(const EscapeSequence& sequence)
{
    unsigned count = sequence.count == 0 ? 1 : sequence.count; // CSI m is CSI 0m
    for (unsigned index = 0; index < count; ++index) {
        uint16_t code = sequence.param(index, 0);
        if (code >= 30 && code <= 37) {
            m_style.foreground = color_from_ansi(static_cast<uint8_t>(code - 30));
        } else if (code >= 40 && code <= 47) {
            m_style.background = color_from_ansi(static_cast<uint8_t>(code - 40));
        } else if (code >= 90 && code <= 97) {
            m_style.foreground = bright(color_from_ansi(static_cast<uint8_t>(code - 90)));
        } else if (code >= 100 && code <= 107) {
            m_style.background = bright(color_from_ansi(static_cast<uint8_t>(code - 100)));
        } else if (code == 38 || code == 48) {
            kstd::Optional<Color> color = extended_color(sequence, index);
            if (color && code == 38)
                m_style.foreground = color.value();
            else if (color)
                m_style.background = color.value();
        } else {
            switch (code) {
            case 0:
                m_style = DEFAULT_STYLE;
                m_rendition = {};
                break;
            case 1: m_rendition.bold = true; break;
            case 2: m_rendition.dim = true; break;
            case 22: m_rendition.bold = m_rendition.dim = false; break;
            case 5: m_rendition.blink = true; break;
            case 25: m_rendition.blink = false; break;
            case 7: m_rendition.reverse = true; break;
            case 27: m_rendition.reverse = false; break;
            case 39: m_style.foreground = DEFAULT_STYLE.foreground; break;
            case 49: m_style.background = DEFAULT_STYLE.background; break;
            default: break; // underline (4, 24), italic, hidden...: the VGA shows none
            }
        }
    }
}

Style Console::erase_style() const
{
    Style style = m_style;
    if (m_rendition.reverse)
        style = { style.background, style.foreground };
    if (m_rendition.blink)
        style.background = bright(style.background);
    return style;
}

Style Console::drawing_style() const
{
    Style style = m_style;
    if (m_rendition.dim && !m_rendition.bold)
        style.foreground = Color::DarkGray;
    if (m_rendition.reverse)
        style = { style.background, style.foreground };
    if (m_rendition.bold)
        style.foreground = bright(style.foreground);
    if (m_rendition.blink)
        style.background = bright(style.background);
    return style;
}

} // namespace console
