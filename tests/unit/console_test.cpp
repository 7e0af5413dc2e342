// Console: writing, wrapping, scrolling, control characters, colours, the ANSI mirror and
// full-screen programs.
#include "console_test_support.hpp"
#include "kstd_verify_death.hpp"
#include <cctype>
#include <gtest/gtest.h>

using console::Color;
using console::Console;

namespace {
std::string mirrored;
void capture_byte(char byte) { mirrored += byte; }

struct ConsoleTest : ::testing::Test {
    ConsoleTest() { mirrored.clear(); }
    Console console { { nullptr, nullptr, capture_byte }, 80, 25 };
};
} // namespace

TEST_F(ConsoleTest, WritesTextAndMovesTheCursor)
{
    console.write("hello\nworld");
    EXPECT_EQ(row_text(console, 0), "hello");
    EXPECT_EQ(row_text(console, 1), "world");
    EXPECT_EQ(console.cursor_col(), 5);
    EXPECT_EQ(console.cursor_row(), 1);
}

TEST_F(ConsoleTest, WrapsLongLinesWithoutBlankLineAfterExactFit)
{
    console.write(std::string(80, 'a').c_str());
    EXPECT_EQ(console.cursor_row(), 0); // wrap is pending, not done
    console.write("\nb");
    EXPECT_EQ(row_text(console, 1), "b");
    console.write(std::string(85, 'c').c_str()); // 79 fill row 1 after the 'b', 6 wrap
    EXPECT_EQ(row_text(console, 1).size(), 80u);
    EXPECT_EQ(row_text(console, 2), "cccccc");
}

TEST_F(ConsoleTest, ScrollsWhenTheLastRowIsFull)
{
    for (int line = 0; line < 30; ++line)
        console.write(("line " + std::to_string(line) + "\n").c_str());
    EXPECT_EQ(row_text(console, 0), "line 6");
    EXPECT_EQ(row_text(console, 23), "line 29");
    EXPECT_EQ(row_text(console, 24), "");
    EXPECT_EQ(console.cursor_row(), 24);
}

TEST_F(ConsoleTest, TabsStopAtMultiplesOfEight)
{
    console.write("ab\tc\t\td");
    EXPECT_EQ(console.cell_at(8, 0).character, 'c');
    EXPECT_EQ(console.cell_at(24, 0).character, 'd');
}

TEST_F(ConsoleTest, BackspaceMovesLeftAndCarriageReturnGoesHome)
{
    console.write("abc\b\bX");
    EXPECT_EQ(row_text(console, 0), "aXc");
    console.write("\rZ");
    EXPECT_EQ(row_text(console, 0), "ZXc");
    console.write("\r\b\b");
    EXPECT_EQ(console.cursor_col(), 0);
}

TEST_F(ConsoleTest, CellsCarryTheStyleAttribute)
{
    console.set_style(console::colors(Color::Yellow, Color::Blue));
    console.write("y");
    EXPECT_EQ(console.cell_at(0, 0).attribute, 0x1E);
    console.set_style(console::DEFAULT_STYLE);
    console.write("n");
    EXPECT_EQ(console.cell_at(1, 0).attribute, 0x07);
}

TEST_F(ConsoleTest, EraseToEndOfLineBlanksFromTheCursor)
{
    console.write("abcdef\r\b");
    console.write("ab");
    console.erase_to_end_of_line();
    EXPECT_EQ(row_text(console, 0), "ab");
}

TEST_F(ConsoleTest, ClearBlanksEverythingAndHomesTheCursor)
{
    console.write("x\ny\nz");
    console.clear();
    for (uint16_t row = 0; row < 25; ++row)
        EXPECT_EQ(row_text(console, row), "");
    EXPECT_EQ(console.cursor_col(), 0);
    EXPECT_EQ(console.cursor_row(), 0);
}

TEST_F(ConsoleTest, MirrorsToSerialWithAnsiColours)
{
    console.write("a");
    console.set_style(console::fg(Color::LightGreen));
    console.write("b");
    console.set_style(console::DEFAULT_STYLE);
    console.write("c\n");
    console.write("\x01");
    console.erase_to_end_of_line();
    EXPECT_EQ(mirrored, "a\x1b[0;92;40mb\x1b[0mc\n\u263A\x1b[K"); // CP437 0x01 is a smiley
}

TEST_F(ConsoleTest, MirrorsCodePage437PicturesAsUtf8)
{
    console.begin_full_screen();
    mirrored.clear();
    for (uint8_t cell : { 0xC9, 0xCD, 0xBB, 0xDB, 0x80, 0xE0, 0xFA })
        console.put_cell_at(cell % 16, 3, { cell, 0x07 });
    EXPECT_NE(mirrored.find("\u2554"), std::string::npos);
    std::string characters;
    for (size_t index = 0; index < mirrored.size(); ++index) {
        if (mirrored[index] == '\x1b') { // skip CSI row;col H and SGR
            while (index < mirrored.size() && !isalpha(static_cast<unsigned char>(mirrored[index])))
                ++index;
            continue;
        }
        characters += mirrored[index];
    }
    EXPECT_EQ(characters, "\u2554\u2550\u2557\u2588\u00C7\u03B1\u00B7");
}

TEST_F(ConsoleTest, MirrorsCursorMovesAndClear)
{
    console.write("abc");
    console.move_cursor_left(2);
    console.clear();
    EXPECT_EQ(mirrored, "abc\x1b[2D\x1b[2J\x1b[H");
}

TEST_F(ConsoleTest, FullScreenStartsBlankAndRestoresTheScreen)
{
    console.set_style(console::fg(Color::Yellow));
    console.write("shell line\nprompt> ");
    console.begin_full_screen();
    EXPECT_TRUE(console.in_full_screen());
    EXPECT_EQ(row_text(console, 0), "");
    EXPECT_EQ(console.cursor_col(), 0);
    EXPECT_FALSE(console.cursor_visible());
    console.put_cell_at(3, 24, { '@', 0x1E });
    console.write("score");
    EXPECT_EQ(console.cell_at(3, 24).character, '@');
    EXPECT_EQ(row_text(console, 0), "score");
    EXPECT_EQ(console.cell_at(0, 0).attribute, 0x07);

    console.end_full_screen();
    EXPECT_FALSE(console.in_full_screen());
    EXPECT_EQ(row_text(console, 0), "shell line");
    EXPECT_EQ(row_text(console, 1), "prompt>");
    EXPECT_EQ(row_text(console, 24), "");
    EXPECT_EQ(console.cursor_col(), 8);
    EXPECT_EQ(console.cursor_row(), 1);
    EXPECT_TRUE(console.cursor_visible());
    EXPECT_EQ(console.style(), console::fg(Color::Yellow));
    EXPECT_EQ(console.cell_at(0, 0).attribute, 0x0E);
}

TEST_F(ConsoleTest, PutCellAtIgnoresCellsOutsideTheGrid)
{
    console.put_cell_at(80, 0, { 'x', 0x07 });
    console.put_cell_at(0, 25, { 'x', 0x07 });
    EXPECT_EQ(console.cell_at(79, 0).character, ' ');
    EXPECT_EQ(console.cell_at(0, 24).character, ' ');
}

TEST_F(ConsoleTest, FullScreenMirrorsToTheAlternateScreen)
{
    console.set_style(console::fg(Color::LightGreen));
    console.write("a");
    mirrored.clear();
    console.begin_full_screen();
    EXPECT_EQ(mirrored, "\x1b[0m\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l");

    mirrored.clear();
    console.put_cell_at(4, 2, { '#', 0x1E });
    console.put_cell_at(5, 2, { '#', 0x1E }); // right after the last one: no position
    console.put_cell_at(5, 2, { '#', 0x1E }); // unchanged: nothing at all
    console.put_cell_at(0, 0, { 'o', 0x07 });
    EXPECT_EQ(mirrored, "\x1b[3;5H\x1b[0;93;44m##\x1b[1;1H\x1b[0mo");

    mirrored.clear();
    console.write("x"); // flowing text: the terminal's cursor goes back to the console's
    EXPECT_EQ(mirrored, "\x1b[1;1Hx");

    mirrored.clear();
    console.end_full_screen();
    console.write("b");
    EXPECT_EQ(mirrored, "\x1b[?1049l\x1b[?25h\x1b[0;92;40mb");
}

TEST_F(ConsoleTest, CursorVisibilityIsMirrored)
{
    console.set_cursor_visible(false);
    console.set_cursor_visible(false);
    console.set_cursor_visible(true);
    EXPECT_EQ(mirrored, "\x1b[?25l\x1b[?25h");
}

TEST_F(ConsoleTest, FullScreenIsNotNested)
{
    console.begin_full_screen();
    EXPECT_VERIFY_FAILS(console.begin_full_screen());
    console.end_full_screen();
    EXPECT_VERIFY_FAILS(console.end_full_screen());
}

TEST(ColorNames, ParseAndNameRoundTrip)
{
    for (unsigned index = 0; index < console::COLOR_COUNT; ++index) {
        auto color = static_cast<Color>(index);
        Color parsed;
        ASSERT_TRUE(console::parse_color(console::color_name(color), parsed));
        EXPECT_EQ(parsed, color);
    }
    Color unused;
    EXPECT_FALSE(console::parse_color("pink", unused));
    EXPECT_FALSE(console::parse_color("", unused));
}

// Text is UTF-8: cells get CP437 bytes, the serial mirror the characters themselves.
TEST_F(ConsoleTest, ShowsUtf8InCodePage437)
{
    console.write("\xC3\xA9t\xC3\xA9 \xE2\x95\x90\xE2\x96\x88 \xCE\xB1");
    EXPECT_EQ(row_text(console, 0), "\x82t\x82 \xCD\xDB \xE0");
    EXPECT_EQ(console.cursor_col(), 8);
    EXPECT_EQ(mirrored, "\xC3\xA9t\xC3\xA9 \xE2\x95\x90\xE2\x96\x88 \xCE\xB1");
}

TEST_F(ConsoleTest, ACharacterSplitAcrossWritesIsOneCell)
{
    console.write("\xC3");
    console.write("\xA9");
    console.write("\xE2\x82");
    console.write("\xAC!");
    EXPECT_EQ(row_text(console, 0), "\x82?!");
    EXPECT_EQ(console.cursor_col(), 3);
    EXPECT_EQ(mirrored, "\xC3\xA9\xE2\x82\xAC!");
}

TEST_F(ConsoleTest, UnmappableAndInvalidTextShowsQuestionMarks)
{
    // € and an emoji have no CP437 glyph; the terminal still gets them. A byte that is
    // not UTF-8 shows '?' and goes out as U+FFFD; a C1 control character does too.
    console.write("\xE2\x82\xAC\xF0\x9F\x98\x80|\xFF|\xC3x|\xC2\x85|");
    EXPECT_EQ(row_text(console, 0), "??|?|?x|?|");
    EXPECT_EQ(mirrored, "\xE2\x82\xAC\xF0\x9F\x98\x80|\xEF\xBF\xBD|\xEF\xBF\xBDx|\xEF\xBF\xBD|");
}
