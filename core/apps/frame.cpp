// Drawing into a Frame: cells, text, filled rectangles and boxes (see frame.hpp).
#include <apps/frame.hpp>

namespace apps {

namespace {
// CP437 double-line box drawing.
constexpr uint8_t TOP_LEFT = 0xC9;
constexpr uint8_t TOP_RIGHT = 0xBB;
constexpr uint8_t BOTTOM_LEFT = 0xC8;
constexpr uint8_t BOTTOM_RIGHT = 0xBC;
constexpr uint8_t HORIZONTAL = 0xCD;
constexpr uint8_t VERTICAL = 0xBA;
} // namespace

void Frame::put(int col, int row, hal::Cell cell)
{
    if (col < 0 || row < 0 || col >= COLS || row >= ROWS)
        return;
    m_cells[row][col] = cell;
}

int Frame::text(int col, int row, kstd::StringView characters, uint8_t attribute)
{
    for (char character : characters)
        put(col++, row, { static_cast<uint8_t>(character), attribute });
    return col;
}

void Frame::centred_text(int row, kstd::StringView characters, uint8_t attribute)
{
    text((COLS - static_cast<int>(characters.size())) / 2, row, characters, attribute);
}

void Frame::fill(int col, int row, int width, int height, hal::Cell cell)
{
    for (int y = row; y < row + height; ++y) {
        for (int x = col; x < col + width; ++x)
            put(x, y, cell);
    }
}

void Frame::box(int col, int row, int width, int height, uint8_t attribute)
{
    int right = col + width - 1;
    int bottom = row + height - 1;
    fill(col + 1, row, width - 2, 1, { HORIZONTAL, attribute });
    fill(col + 1, bottom, width - 2, 1, { HORIZONTAL, attribute });
    fill(col, row + 1, 1, height - 2, { VERTICAL, attribute });
    fill(right, row + 1, 1, height - 2, { VERTICAL, attribute });
    put(col, row, { TOP_LEFT, attribute });
    put(right, row, { TOP_RIGHT, attribute });
    put(col, bottom, { BOTTOM_LEFT, attribute });
    put(right, bottom, { BOTTOM_RIGHT, attribute });
}

} // namespace apps
