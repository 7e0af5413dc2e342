// apps::Frame and apps::FramePresenter: a game draws a whole picture, the screen gets the
// difference.
//
//     frame.clear(BLANK);
//     frame.text(2, 0, "SNAKE", attribute(Color::Yellow));
//     presenter.present(frame, [](uint16_t col, uint16_t row, hal::Cell cell) { ... });
//
// A Frame is the 80x25 text screen as a plain array of cells: drawing into it touches no
// hardware, so a game's view can redraw everything on every tick and be tested on the
// host. FramePresenter remembers the last frame it put on the screen and hands only the
// cells that changed since to the sink (all of them the first time), in reading order, so
// a tick where the snake moves writes a handful of cells, not 2000: nothing flickers, and
// the serial mirror of the screen stays small.
#pragma once
#include <console/color.hpp>
#include <hal/console.hpp>
#include <kstd/string_view.hpp>

namespace apps {

constexpr uint8_t attribute(console::Color foreground, console::Color background = console::Color::Black)
{
    return console::colors(foreground, background).attribute();
}

constexpr bool operator==(hal::Cell left, hal::Cell right)
{
    return left.character == right.character && left.attribute == right.attribute;
}

class Frame {
public:
    static constexpr uint16_t COLS = 80;
    static constexpr uint16_t ROWS = 25;

    void clear(hal::Cell blank) { fill(0, 0, COLS, ROWS, blank); }
    // Cells outside the frame are ignored, as the HAL screen does.
    void put(int col, int row, hal::Cell cell);
    hal::Cell at(uint16_t col, uint16_t row) const { return m_cells[row][col]; }
    // Writes `characters` from (col, row) on, one character a cell; returns the column after it.
    int text(int col, int row, kstd::StringView characters, uint8_t attribute);
    // The same, centred on the row.
    void centred_text(int row, kstd::StringView characters, uint8_t attribute);
    void fill(int col, int row, int width, int height, hal::Cell cell);
    // A double-line box (CP437 box drawing) around the given rectangle, which it includes.
    void box(int col, int row, int width, int height, uint8_t attribute);

private:
    hal::Cell m_cells[ROWS][COLS] = {};
};

class FramePresenter {
public:
    // Calls put(col, row, cell) for every cell of `frame` that differs from the last frame
    // presented (for every cell the first time); returns how many.
    template<typename Sink>
    size_t present(const Frame& frame, Sink&& put)
    {
        size_t written = 0;
        for (uint16_t row = 0; row < Frame::ROWS; ++row) {
            for (uint16_t col = 0; col < Frame::COLS; ++col) {
                hal::Cell cell = frame.at(col, row);
                if (m_has_shown && m_shown.at(col, row) == cell)
                    continue;
                put(col, row, cell);
                ++written;
            }
        }
        m_shown = frame;
        m_has_shown = true;
        return written;
    }

private:
    Frame m_shown;
    bool m_has_shown = false;
};

} // namespace apps
