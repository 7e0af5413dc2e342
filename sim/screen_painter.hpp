// The text screen as pixels: 80x25 cells painted with a console font and the 16 VGA colours.
//
// Like the VGA's 720x400 text mode, a cell is 9 pixels wide with an 8-pixel font: the ninth
// column is the background, except for the line-drawing characters 0xC0-0xDF, which repeat
// their eighth column so that horizontal lines and box edges join up. The cursor is the VGA's
// default underline. The window shows these pixels, and screenshots are made of them.
#pragma once
#include "png_writer.hpp"
#include "psf_font.hpp"

#include <sim_machine.hpp>

#include <vector>

namespace frontend {

class ScreenPainter {
public:
    explicit ScreenPainter(const PsfFont& font);

    unsigned width() const { return m_cell_width * sim::ScreenSnapshot::COLS; }
    unsigned height() const { return m_font.height() * sim::ScreenSnapshot::ROWS; }
    // 0xAARRGGBB, width() x height(), rows top to bottom.
    const std::vector<uint32_t>& pixels() const { return m_pixels; }

    // Paints every cell of `screen`, and its cursor if `show_cursor`.
    void paint(const sim::ScreenSnapshot& screen, bool show_cursor);
    // What paint() last painted, each pixel made a `scale` x `scale` square.
    RgbImage rgb_image(unsigned scale) const;

private:
    void paint_cell(unsigned col, unsigned row, hal::Cell cell);
    void paint_cursor(const sim::ScreenSnapshot& screen);

    const PsfFont& m_font;
    const uint8_t* m_glyphs[256] {};
    unsigned m_cell_width;
    std::vector<uint32_t> m_pixels;
};

} // namespace frontend
