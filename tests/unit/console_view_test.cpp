// Console: the scrollback view (Shift+PageUp/PageDown) and the status line's layout, on a
// console drawing to a fake screen.
#include "console_test_support.hpp"
#include <console/status_line.hpp>
#include <cstring>
#include <gtest/gtest.h>

using console::Color;
using console::Console;
using input::Key;
using input::KeyEvent;

namespace {
hal::Cell screen[Console::MAX_ROWS][Console::MAX_COLS];
uint16_t screen_cursor_row;
std::string mirrored;

void put_cell(uint16_t col, uint16_t row, hal::Cell cell) { screen[row][col] = cell; }
void set_cursor(uint16_t, uint16_t row) { screen_cursor_row = row; }
void capture_byte(char byte) { mirrored += byte; }

std::string screen_text(uint16_t row)
{
    std::string text;
    for (const hal::Cell& cell : screen[row])
        text += static_cast<char>(cell.character);
    return text.substr(0, text.find_last_not_of(' ') + 1);
}

struct ConsoleViewTest : ::testing::Test {
    ConsoleViewTest() { mirrored.clear(); }

    // "line FIRST\n" ... "line LAST\n"
    void write_lines(int first, int last)
    {
        for (int line = first; line <= last; ++line)
            console.write(("line " + std::to_string(line) + "\n").c_str());
    }
    void show_status(const char* text)
    {
        hal::Cell cells[Console::MAX_COLS];
        for (size_t col = 0; col < Console::MAX_COLS; ++col)
            cells[col] = { static_cast<uint8_t>(col < strlen(text) ? text[col] : ' '), 0x1F };
        console.set_status_line(cells);
    }

    Console console { { put_cell, set_cursor, capture_byte }, 80, 25 };
};

KeyEvent key(Key which, uint8_t modifiers, bool pressed = true)
{
    return { which, 0, pressed, false, modifiers };
}
} // namespace

TEST_F(ConsoleViewTest, LinesScrolledOffTheTopComeBackInTheView)
{
    write_lines(0, 39); // lines 16..39 on screen, 0..15 in the scrollback
    EXPECT_EQ(screen_text(0), "line 16");
    console.view_back(); // half of 25 rows: 12 lines back
    EXPECT_EQ(console.view_offset(), 12);
    EXPECT_EQ(row_text(console, 0), "line 4");
    EXPECT_EQ(row_text(console, 12), "line 16");
    EXPECT_EQ(screen_text(0), "line 4");
    EXPECT_EQ(screen_cursor_row, UINT16_MAX); // hidden while looking back
    console.view_back(); // clamped at the oldest line
    EXPECT_EQ(console.view_offset(), 16);
    EXPECT_EQ(screen_text(0), "line 0");
    console.view_back();
    EXPECT_EQ(console.view_offset(), 16);

    console.view_forward();
    EXPECT_EQ(console.view_offset(), 4);
    console.view_forward(); // clamped at the bottom
    EXPECT_EQ(console.view_offset(), 0);
    EXPECT_EQ(screen_text(0), "line 16");
    EXPECT_EQ(screen_cursor_row, 24);
}

TEST_F(ConsoleViewTest, TheScrollbackKeepsTheNewestLines)
{
    write_lines(0, 299); // 276 lines left the screen; the newest 200 are kept
    for (int page = 0; page < 20; ++page)
        console.view_back();
    EXPECT_EQ(console.view_offset(), console::Scrollback::LINES);
    EXPECT_EQ(row_text(console, 0), "line 76");
}

TEST_F(ConsoleViewTest, OutputSnapsTheViewBackToTheBottom)
{
    write_lines(0, 39);
    console.view_back();
    console.write("typed");
    EXPECT_EQ(console.view_offset(), 0);
    EXPECT_EQ(screen_text(23), "line 39");
    EXPECT_EQ(screen_text(24), "typed");
}

TEST_F(ConsoleViewTest, TheViewIsNotMirrored)
{
    write_lines(0, 39);
    mirrored.clear();
    console.view_back();
    console.view_forward();
    EXPECT_EQ(mirrored, "");
}

TEST_F(ConsoleViewTest, ShiftPageUpAndDownAreTheConsoles)
{
    write_lines(0, 39);
    EXPECT_TRUE(console.handle_key(key(Key::PageUp, input::modifier::SHIFT)));
    EXPECT_EQ(console.view_offset(), 12);
    EXPECT_TRUE(console.handle_key(key(Key::PageUp, input::modifier::SHIFT, false)));
    EXPECT_EQ(console.view_offset(), 12);
    EXPECT_TRUE(console.handle_key(key(Key::PageDown, input::modifier::SHIFT)));
    EXPECT_EQ(console.view_offset(), 0);
    EXPECT_FALSE(console.handle_key(key(Key::PageUp, 0)));
    EXPECT_FALSE(console.handle_key(key(Key::Up, input::modifier::SHIFT)));
    EXPECT_EQ(console.view_offset(), 0);
}

TEST_F(ConsoleViewTest, FullScreenResetsTheViewAndKeepsItsLinesOutOfTheScrollback)
{
    write_lines(0, 39);
    console.view_back();
    console.begin_full_screen();
    EXPECT_EQ(console.view_offset(), 0);
    EXPECT_EQ(screen_text(0), "");
    console.view_back(); // suspended
    EXPECT_EQ(console.view_offset(), 0);
    for (int line = 0; line < 30; ++line)
        console.write("game\n");
    console.end_full_screen();
    EXPECT_EQ(screen_text(0), "line 16");
    console.view_back();
    EXPECT_EQ(row_text(console, 11), "line 15");
}

TEST_F(ConsoleViewTest, TheStatusLineTakesTheLastRowFromTheText)
{
    write_lines(0, 23); // the cursor is on the last row
    show_status("status");
    EXPECT_EQ(screen_text(24), ""); // not shown yet
    console.set_status_line_enabled(true);
    EXPECT_EQ(console.rows(), 24);
    EXPECT_EQ(console.screen_rows(), 25);
    EXPECT_EQ(console.cursor_row(), 23); // the text moved up to keep the cursor's row
    EXPECT_EQ(screen_text(0), "line 1");
    EXPECT_EQ(screen_text(22), "line 23");
    EXPECT_EQ(screen_text(24), "status");
    EXPECT_EQ(screen[24][0].attribute, 0x1F);

    write_lines(24, 50); // scrolling stops above the status line
    EXPECT_EQ(screen_text(22), "line 50");
    EXPECT_EQ(screen_text(24), "status");
    console.view_back(); // half of 24 text rows
    EXPECT_EQ(console.view_offset(), 12);
    EXPECT_EQ(screen_text(24), "status");

    console.set_status_line_enabled(false);
    EXPECT_EQ(console.rows(), 25);
    EXPECT_EQ(console.view_offset(), 0);
    EXPECT_EQ(screen_text(22), "line 50");
    EXPECT_EQ(screen_text(24), "");
}

TEST_F(ConsoleViewTest, TheStatusLineIsNotMirrored)
{
    console.set_status_line_enabled(true);
    show_status("status");
    EXPECT_EQ(mirrored, "");
}

TEST_F(ConsoleViewTest, FullScreenHidesTheStatusLineUntilItEnds)
{
    show_status("status");
    console.set_status_line_enabled(true);
    console.begin_full_screen();
    EXPECT_EQ(console.rows(), 25);
    EXPECT_EQ(screen_text(24), "");
    show_status("later");
    EXPECT_EQ(screen_text(24), "");
    console.put_cell_at(0, 24, { '#', 0x07 });
    EXPECT_EQ(screen_text(24), "#");
    console.end_full_screen();
    EXPECT_EQ(console.rows(), 24);
    EXPECT_EQ(screen_text(24), "later");
}

TEST_F(ConsoleViewTest, TurningTheStatusLineOnDuringFullScreenTakesEffectAfterIt)
{
    write_lines(0, 23);
    console.begin_full_screen();
    console.set_status_line_enabled(true);
    EXPECT_EQ(console.rows(), 25);
    console.end_full_screen();
    EXPECT_EQ(console.rows(), 24);
    EXPECT_EQ(console.cursor_row(), 23);
    EXPECT_EQ(screen_text(22), "line 23");
}

TEST(StatusLine, LaysOutTheFiguresInColours)
{
    hal::Cell cells[80];
    console::StatusFigures figures { 3'723'000'000'000, 118ull << 20, 127ull << 20, 7 };
    console::render_status_line(figures, cells);
    std::string text;
    for (const hal::Cell& cell : cells)
        text += static_cast<char>(cell.character);
    EXPECT_EQ(text.substr(0, text.find_last_not_of(' ') + 1),
              " Keel \xB3 up 1:02:03 \xB3 free 118 of 127 MiB \xB3 7 threads");
    auto color_at = [&](size_t col) { return console::Style::from_attribute(cells[col].attribute); };
    EXPECT_EQ(color_at(1), console::colors(Color::LightCyan, Color::Blue));  // Keel
    EXPECT_EQ(color_at(8), console::colors(Color::LightGray, Color::Blue));   // up
    EXPECT_EQ(color_at(11), console::colors(Color::Yellow, Color::Blue));     // 1:02:03
    EXPECT_EQ(color_at(26), console::colors(Color::LightGreen, Color::Blue)); // 118
    EXPECT_EQ(color_at(79), console::colors(Color::LightGray, Color::Blue));  // the bar
}

TEST(StatusLine, CountsDaysAndStopsAtTheEndOfTheRow)
{
    hal::Cell cells[20];
    console::StatusFigures figures { (2 * 86'400ull + 5) * 1'000'000'000, 0, 0, 1 };
    console::render_status_line(figures, cells);
    std::string text;
    for (const hal::Cell& cell : cells)
        text += static_cast<char>(cell.character);
    EXPECT_EQ(text, " Keel \xB3 up 2d 0:00:0");
}
