// Painting the text screen (see screen_painter.hpp).
#include "screen_painter.hpp"

namespace frontend {

namespace {

using sim::ScreenSnapshot;

// The standard VGA text-mode palette (the 6-bit DAC values scaled to 8 bits).
constexpr uint32_t VGA_PALETTE[16] = {
    0xFF000000, 0xFF0000AA, 0xFF00AA00, 0xFF00AAAA, 0xFFAA0000, 0xFFAA00AA, 0xFFAA5500, 0xFFAAAAAA,
    0xFF555555, 0xFF5555FF, 0xFF55FF55, 0xFF55FFFF, 0xFFFF5555, 0xFFFF55FF, 0xFFFFFF55, 0xFFFFFFFF,
};

constexpr unsigned VGA_FONT_WIDTH = 8;
constexpr uint8_t FIRST_LINE_GRAPHIC = 0xC0;
constexpr uint8_t LAST_LINE_GRAPHIC = 0xDF;

bool font_pixel(const uint8_t* glyph_row, unsigned x)
{
    return glyph_row[x / 8] & (0x80 >> (x % 8));
}

} // namespace

ScreenPainter::ScreenPainter(const PsfFont& font)
    : m_font(font)
    , m_cell_width(font.width() == VGA_FONT_WIDTH ? VGA_FONT_WIDTH + 1 : font.width())
    , m_pixels(size_t(width()) * height())
{
    for (unsigned byte = 0; byte < 256; ++byte)
        m_glyphs[byte] = font.glyph_for_cp437(uint8_t(byte));
}

void ScreenPainter::paint(const ScreenSnapshot& screen, bool show_cursor)
{
    for (unsigned row = 0; row < ScreenSnapshot::ROWS; ++row)
        for (unsigned col = 0; col < ScreenSnapshot::COLS; ++col)
            paint_cell(col, row, screen.cells[row][col]);
    if (show_cursor)
        paint_cursor(screen);
}

RgbImage ScreenPainter::rgb_image(unsigned scale) const
{
    RgbImage image { width() * scale, height() * scale, {} };
    image.rgb.reserve(size_t(image.width) * image.height * 3);
    for (unsigned y = 0; y < image.height; ++y) {
        const uint32_t* source_row = &m_pixels[size_t(y / scale) * width()];
        for (unsigned x = 0; x < image.width; ++x) {
            uint32_t pixel = source_row[x / scale];
            image.rgb.insert(image.rgb.end(), { uint8_t(pixel >> 16), uint8_t(pixel >> 8), uint8_t(pixel) });
        }
    }
    return image;
}

void ScreenPainter::paint_cell(unsigned col, unsigned row, hal::Cell cell)
{
    uint32_t foreground = VGA_PALETTE[cell.attribute & 0x0F];
    uint32_t background = VGA_PALETTE[cell.attribute >> 4];
    const uint8_t* glyph = m_glyphs[cell.character];
    bool line_graphic = cell.character >= FIRST_LINE_GRAPHIC && cell.character <= LAST_LINE_GRAPHIC;
    unsigned font_width = m_font.width();
    for (unsigned y = 0; y < m_font.height(); ++y) {
        const uint8_t* glyph_row = glyph + y * m_font.row_bytes();
        uint32_t* pixel = &m_pixels[(size_t(row) * m_font.height() + y) * width() + col * m_cell_width];
        for (unsigned x = 0; x < font_width; ++x)
            pixel[x] = font_pixel(glyph_row, x) ? foreground : background;
        if (m_cell_width > font_width) {
            bool repeated = line_graphic && font_pixel(glyph_row, font_width - 1);
            pixel[font_width] = repeated ? foreground : background;
        }
    }
}

// The VGA's default cursor: an underline on scan lines 13 and 14 of 16, in the cell's colour.
void ScreenPainter::paint_cursor(const ScreenSnapshot& screen)
{
    if (screen.cursor_col >= ScreenSnapshot::COLS || screen.cursor_row >= ScreenSnapshot::ROWS)
        return;
    hal::Cell cell = screen.cells[screen.cursor_row][screen.cursor_col];
    uint32_t colour = VGA_PALETTE[cell.attribute & 0x0F];
    unsigned height = m_font.height();
    for (unsigned y = height * 13 / 16; y <= height * 14 / 16 && y < height; ++y) {
        uint32_t* pixel = &m_pixels[(size_t(screen.cursor_row) * height + y) * width()
                                    + screen.cursor_col * m_cell_width];
        for (unsigned x = 0; x < m_cell_width; ++x)
            pixel[x] = colour;
    }
}

} // namespace frontend
