// Console: the VT100/ANSI escape sequences of Linux's console (man 4 console_codes) —
// cursor movement, erasing, editing, scroll regions, SGR, modes, reports — on the cells,
// and how they are mirrored to the serial line.
#include "console_test_support.hpp"
#include <gtest/gtest.h>

using console::Color;
using console::Console;

namespace {
std::string mirrored;
std::string replies;
void capture_byte(char byte) { mirrored += byte; }
void capture_reply(void* context, kstd::StringView reply)
{
    static_cast<std::string*>(context)->append(reply.data(), reply.size());
}

struct ConsoleEscapeTest : ::testing::Test {
    ConsoleEscapeTest()
    {
        mirrored.clear();
        replies.clear();
        console.set_reply_sink(capture_reply, &replies);
    }
    void write(const std::string& text) { console.write({ text.data(), text.size() }); }
    // Rows 0-24 say "row 0" ... "row 24".
    void number_rows()
    {
        for (int row = 0; row < 25; ++row)
            write("\x1b[" + std::to_string(row + 1) + ";1Hrow " + std::to_string(row));
    }
    void expect_cursor(uint16_t col, uint16_t row)
    {
        EXPECT_EQ(console.cursor_col(), col);
        EXPECT_EQ(console.cursor_row(), row);
    }
    uint8_t attribute(uint16_t col, uint16_t row) { return console.cell_at(col, row).attribute; }

    Console console { { nullptr, nullptr, capture_byte }, 80, 25 };
};
} // namespace

TEST_F(ConsoleEscapeTest, CursorPositionIsOneBasedAndClamped)
{
    write("\x1b[5;10H");
    expect_cursor(9, 4);
    write("\x1b[3;4fx");
    EXPECT_EQ(console.cell_at(3, 2).character, 'x');
    write("\x1b[0;0H");
    expect_cursor(0, 0);
    write("\x1b[999;999H");
    expect_cursor(79, 24);
    write("\x1b[H");
    expect_cursor(0, 0);
    write("\x1b[;7H");
    expect_cursor(6, 0);
}

TEST_F(ConsoleEscapeTest, RelativeMovesStopAtTheEdges)
{
    write("\x1b[10;10H\x1b[2A");
    expect_cursor(9, 7);
    write("\x1b[100A");
    expect_cursor(9, 0);
    write("\x1b[3B\x1b[B");
    expect_cursor(9, 4);
    write("\x1b[100B");
    expect_cursor(9, 24);
    write("\x1b[5C\x1b[0C");
    expect_cursor(15, 24);
    write("\x1b[200C");
    expect_cursor(79, 24);
    write("\x1b[4D");
    expect_cursor(75, 24);
    write("\x1b[100D");
    expect_cursor(0, 24);
    write("\x1b[3a\x1b[2e"); // HPR, VPR
    expect_cursor(3, 24);
    write("\x1b[10;10H\x1b[e");
    expect_cursor(9, 10);
}

TEST_F(ConsoleEscapeTest, LineAndColumnAddressing)
{
    write("\x1b[10;10H\x1b[3E");
    expect_cursor(0, 12);
    write("\x1b[5C\x1b[2F");
    expect_cursor(0, 10);
    write("\x1b[20G");
    expect_cursor(19, 10);
    write("\x1b[99G");
    expect_cursor(79, 10);
    write("\x1b[7d");
    expect_cursor(79, 6);
    write("\x1b[0d\x1b[5`");
    expect_cursor(4, 0);
    write("\x1b[99F");
    expect_cursor(0, 0);
}

TEST_F(ConsoleEscapeTest, AMoveCancelsAPendingWrap)
{
    write(std::string(80, 'a'));
    write("\x1b[Ab"); // at row 0 CUU cannot move, but the wrap is off: b replaces the last a
    EXPECT_EQ(row_text(console, 0), std::string(79, 'a') + "b");
    EXPECT_EQ(row_text(console, 1), "");
}

TEST_F(ConsoleEscapeTest, EraseInDisplay)
{
    number_rows();
    write("\x1b[3;4H\x1b[J");
    EXPECT_EQ(row_text(console, 1), "row 1");
    EXPECT_EQ(row_text(console, 2), "row");
    EXPECT_EQ(row_text(console, 3), "");
    EXPECT_EQ(row_text(console, 24), "");
    expect_cursor(3, 2);

    number_rows();
    write("\x1b[3;3H\x1b[1J");
    EXPECT_EQ(row_text(console, 0), "");
    EXPECT_EQ(row_text(console, 1), "");
    EXPECT_EQ(row_text(console, 2), "    2");
    EXPECT_EQ(row_text(console, 3), "row 3");

    number_rows();
    write("\x1b[3;3H\x1b[2J");
    for (uint16_t row = 0; row < 25; ++row)
        EXPECT_EQ(row_text(console, row), "");
    expect_cursor(2, 2); // ED does not move the cursor
}

TEST_F(ConsoleEscapeTest, EraseInLine)
{
    write("abcdefgh\x1b[1;4H\x1b[K");
    EXPECT_EQ(row_text(console, 0), "abc");
    write("\r12345678\x1b[1;4H\x1b[1K");
    EXPECT_EQ(row_text(console, 0), "    5678");
    write("\x1b[2K");
    EXPECT_EQ(row_text(console, 0), "");
    expect_cursor(3, 0);
    write("xyz\x1b[1;2H\x1b[9K"); // unknown mode: nothing
    EXPECT_EQ(row_text(console, 0), "   xyz");
}

TEST_F(ConsoleEscapeTest, ErasingUsesTheCurrentBackground)
{
    write("\x1b[1;44m\x1b[2J");
    EXPECT_EQ(attribute(40, 12), 0x17); // blue background, not bold
    write("\x1b[0;41mab\x1b[K");
    EXPECT_EQ(attribute(5, 0), 0x47);
    write("\x1b[0m\x1b[1;1H\x1b[X");
    EXPECT_EQ(attribute(0, 0), 0x07);
}

TEST_F(ConsoleEscapeTest, InsertAndDeleteLines)
{
    number_rows();
    write("\x1b[3;5H\x1b[2L");
    EXPECT_EQ(row_text(console, 1), "row 1");
    EXPECT_EQ(row_text(console, 2), "");
    EXPECT_EQ(row_text(console, 3), "");
    EXPECT_EQ(row_text(console, 4), "row 2");
    EXPECT_EQ(row_text(console, 24), "row 22");
    expect_cursor(4, 2);
    write("\x1b[3M");
    EXPECT_EQ(row_text(console, 2), "row 3");
    EXPECT_EQ(row_text(console, 21), "row 22");
    EXPECT_EQ(row_text(console, 22), "");
    EXPECT_EQ(row_text(console, 24), "");
    write("\x1b[99L");
    for (uint16_t row = 2; row < 25; ++row)
        EXPECT_EQ(row_text(console, row), "");
    EXPECT_EQ(row_text(console, 1), "row 1");
}

TEST_F(ConsoleEscapeTest, InsertDeleteAndEraseCharacters)
{
    write("abcdefgh\x1b[1;3H\x1b[2@");
    EXPECT_EQ(row_text(console, 0), "ab  cdefgh");
    write("\x1b[3P");
    EXPECT_EQ(row_text(console, 0), "abdefgh");
    write("\x1b[2X");
    EXPECT_EQ(row_text(console, 0), "ab  fgh");
    expect_cursor(2, 0);
    write("\x1b[1;79H\x1b[5@"); // cut at the last column
    write("\x1b[1;1H\x1b[99P");
    EXPECT_EQ(row_text(console, 0), "");
    write(std::string(80, 'z') + "\x1b[1;78H\x1b[P");
    EXPECT_EQ(row_text(console, 0), std::string(79, 'z'));
    write("\x1b[1;1H\x1b[99X");
    EXPECT_EQ(row_text(console, 0), "");
}

TEST_F(ConsoleEscapeTest, ScrollUpAndDown)
{
    number_rows();
    write("\x1b[2S");
    EXPECT_EQ(row_text(console, 0), "row 2");
    EXPECT_EQ(row_text(console, 22), "row 24");
    EXPECT_EQ(row_text(console, 23), "");
    write("\x1b[3T");
    EXPECT_EQ(row_text(console, 2), "");
    EXPECT_EQ(row_text(console, 3), "row 2");
    EXPECT_EQ(row_text(console, 24), "row 23");
}

TEST_F(ConsoleEscapeTest, ScrollRegionLimitsLineFeedsAndHomesTheCursor)
{
    number_rows();
    write("\x1b[5;10H\x1b[5;10r");
    expect_cursor(0, 0);
    write("\x1b[10;1H\nnew");
    EXPECT_EQ(row_text(console, 3), "row 3");
    EXPECT_EQ(row_text(console, 4), "row 5");
    EXPECT_EQ(row_text(console, 8), "row 9");
    EXPECT_EQ(row_text(console, 9), "new");
    EXPECT_EQ(row_text(console, 10), "row 10");
    expect_cursor(3, 9);
    EXPECT_EQ(console.scrollback_count(), 0);

    write("\x1b[5;1H\x1bM"); // RI at the region's top
    EXPECT_EQ(row_text(console, 4), "");
    EXPECT_EQ(row_text(console, 5), "row 5");
    EXPECT_EQ(row_text(console, 9), "row 9");
    EXPECT_EQ(row_text(console, 10), "row 10");
    write("\x1b[10;3H\x1b" "D"); // IND at the bottom
    EXPECT_EQ(row_text(console, 4), "row 5");
    EXPECT_EQ(row_text(console, 9), "");
    expect_cursor(2, 9);
    write("\x1b[2S"); // SU scrolls the region only
    EXPECT_EQ(row_text(console, 3), "row 3");
    EXPECT_EQ(row_text(console, 4), "row 7");
    EXPECT_EQ(row_text(console, 10), "row 10");
}

TEST_F(ConsoleEscapeTest, LineFeedsOutsideTheRegionDoNotScroll)
{
    number_rows();
    write("\x1b[2;5r\x1b[20;1H\n\n\n\n\n\n\n\n");
    expect_cursor(0, 24);
    EXPECT_EQ(row_text(console, 24), "row 24");
    EXPECT_EQ(row_text(console, 0), "row 0");
    write("\x1b[1;1H\x1bM"); // RI above the region, at row 0: nothing
    EXPECT_EQ(row_text(console, 0), "row 0");
    write("\x1b[3;1H\x1b[L"); // IL inside the region: down to its bottom only
    EXPECT_EQ(row_text(console, 2), "");
    EXPECT_EQ(row_text(console, 4), "row 3");
    EXPECT_EQ(row_text(console, 5), "row 5");
    write("\x1b[10;1H\x1b[L"); // outside: nothing
    EXPECT_EQ(row_text(console, 9), "row 9");
}

TEST_F(ConsoleEscapeTest, InvalidScrollRegionsAreIgnoredAndCsiRResets)
{
    number_rows();
    write("\x1b[3;3H\x1b[10;5r");
    expect_cursor(2, 2);
    write("\x1b[5;26r");
    expect_cursor(2, 2);
    write("\x1b[5;10r\x1b[r\x1b[25;1H\n");
    EXPECT_EQ(row_text(console, 0), "row 1"); // the whole screen scrolled again
    EXPECT_EQ(console.scrollback_count(), 1);
}

TEST_F(ConsoleEscapeTest, OriginModeCountsFromTheRegion)
{
    write("\x1b[5;10r\x1b[?6h");
    expect_cursor(0, 4);
    write("\x1b[2;3H");
    expect_cursor(2, 5);
    write("\x1b[99;1H");
    expect_cursor(0, 9);
    write("\x1b[99A");
    expect_cursor(0, 4);
    write("\x1b[3;1H\x1b[6n");
    EXPECT_EQ(replies, "\x1b[3;1R");
    write("\x1b[?6l");
    expect_cursor(0, 0);
}

TEST_F(ConsoleEscapeTest, IndexReverseIndexAndNextLine)
{
    write("\x1b[3;5H\x1b" "D");
    expect_cursor(4, 3);
    write("\x1bM\x1bM");
    expect_cursor(4, 1);
    write("\x1b" "E");
    expect_cursor(0, 2);
    write("top\x1b[1;1H\x1bM"); // RI at the top of the screen scrolls down
    EXPECT_EQ(row_text(console, 3), "top");
}

TEST_F(ConsoleEscapeTest, SelectGraphicRenditionColours)
{
    write("\x1b[31mr\x1b[1mb\x1b[0mn");
    EXPECT_EQ(attribute(0, 0), 0x04); // red is VGA 4
    EXPECT_EQ(attribute(1, 0), 0x0C); // bold: bright red
    EXPECT_EQ(attribute(2, 0), 0x07);
    write("\x1b[42;33mx\x1b[93;104my\x1b[39mz\x1b[49mw");
    EXPECT_EQ(attribute(3, 0), 0x26);
    EXPECT_EQ(attribute(4, 0), 0x9E);
    EXPECT_EQ(attribute(5, 0), 0x97);
    EXPECT_EQ(attribute(6, 0), 0x07);
    write("\x1b[1;4;31;46mm\x1b[mn");
    EXPECT_EQ(attribute(7, 0), 0x3C);
    EXPECT_EQ(attribute(8, 0), 0x07);
    EXPECT_EQ(console.style(), console::DEFAULT_STYLE);
}

TEST_F(ConsoleEscapeTest, SelectGraphicRenditionAttributes)
{
    write("\x1b[7mr\x1b[27mn\x1b[2md\x1b[22mn\x1b[5mb\x1b[25mn\x1b[4mu\x1b[24mn");
    EXPECT_EQ(attribute(0, 0), 0x70); // reverse
    EXPECT_EQ(attribute(1, 0), 0x07);
    EXPECT_EQ(attribute(2, 0), 0x08); // dim: dark gray
    EXPECT_EQ(attribute(3, 0), 0x07);
    EXPECT_EQ(attribute(4, 0), 0x87); // blink: bright background
    EXPECT_EQ(attribute(5, 0), 0x07);
    EXPECT_EQ(attribute(6, 0), 0x07); // no underline on the VGA
    write("\x1b[1;2mx\x1b[22;34;7my");
    EXPECT_EQ(attribute(8, 0), 0x0F);  // bold wins over dim
    EXPECT_EQ(attribute(9, 0), 0x10);  // blue on black, reversed
}

TEST_F(ConsoleEscapeTest, ExtendedColoursBecomeTheNearestOfSixteen)
{
    write("\x1b[38;5;9ma\x1b[38;5;196mb\x1b[38;5;21mc\x1b[38;5;231;48;5;16md");
    EXPECT_EQ(attribute(0, 0), 0x0C); // palette 9: bright red
    EXPECT_EQ(attribute(1, 0), 0x04); // (255,0,0): red (170,0,0) is nearer than (255,85,85)
    EXPECT_EQ(attribute(2, 0), 0x01); // (0,0,255): blue
    EXPECT_EQ(attribute(3, 0), 0x0F); // white on black
    write("\x1b[0;38;5;244me\x1b[38;5;238mf\x1b[48;2;255;255;0;38;2;0;0;0mg\x1b[0;38;5;999mh");
    EXPECT_EQ(attribute(4, 0), 0x07); // gray 128: light gray (170) is nearer than 85
    EXPECT_EQ(attribute(5, 0), 0x08); // gray 68: dark gray
    EXPECT_EQ(attribute(6, 0), 0xE0); // black on yellow
    EXPECT_EQ(attribute(7, 0), 0x07); // out of the palette: ignored
    EXPECT_EQ(console::color_from_256(46), Color::Green); // (0,255,0)
    EXPECT_EQ(console::color_from_256(227), Color::Yellow); // (255,255,95)
    EXPECT_EQ(console::nearest_color(170, 85, 0), Color::Brown);
}

TEST_F(ConsoleEscapeTest, SaveAndRestoreTheCursorAndItsStyle)
{
    write("\x1b[5;6H\x1b[31;1m\x1b" "7\x1b[0m\x1b[20;20H\x1b" "8x");
    EXPECT_EQ(console.cell_at(5, 4).character, 'x');
    EXPECT_EQ(attribute(5, 4), 0x0C);
    write("\x1b[0m\x1b[2;2H\x1b[s\x1b[10;10H\x1b[uy");
    EXPECT_EQ(console.cell_at(1, 1).character, 'y');
    EXPECT_EQ(attribute(1, 1), 0x07);
}

TEST_F(ConsoleEscapeTest, CursorVisibility)
{
    write("\x1b[?25l");
    EXPECT_FALSE(console.cursor_visible());
    write("\x1b[?25h");
    EXPECT_TRUE(console.cursor_visible());
}

TEST_F(ConsoleEscapeTest, AlternateScreenSavesAndRestoresTheScreen)
{
    write("shell line\nprompt> ");
    for (const char* mode : { "1049", "47", "1047" }) {
        write(std::string("\x1b[?") + mode + "h");
        EXPECT_TRUE(console.in_alternate_screen());
        EXPECT_EQ(row_text(console, 0), "");
        expect_cursor(8, 1);
        write("\x1b[31m\x1b[Hvi screen\x1b[25;1Hstatus\n\n");
        EXPECT_EQ(row_text(console, 0), "");
        write(std::string("\x1b[?") + mode + "l");
        EXPECT_FALSE(console.in_alternate_screen());
        EXPECT_EQ(row_text(console, 0), "shell line");
        EXPECT_EQ(row_text(console, 1), "prompt>");
        EXPECT_EQ(row_text(console, 24), "");
        expect_cursor(8, 1);
        EXPECT_EQ(console.scrollback_count(), 0);
        write("x");
        EXPECT_EQ(attribute(8, 1), 0x07);
        write("\b\x1b[K");
    }
}

TEST_F(ConsoleEscapeTest, AGameEndsTheAlternateScreen)
{
    write("before\x1b[?1049hduring");
    console.begin_full_screen();
    EXPECT_FALSE(console.in_alternate_screen());
    console.end_full_screen();
    EXPECT_EQ(row_text(console, 0), "before");
}

TEST_F(ConsoleEscapeTest, AutowrapCanBeTurnedOff)
{
    write("\x1b[?7l" + std::string(79, 'a') + "bcd");
    EXPECT_EQ(row_text(console, 0), std::string(79, 'a') + "d");
    expect_cursor(79, 0);
    write("\x1b[?7h\rxy" + std::string(80, 'e'));
    EXPECT_EQ(row_text(console, 1), "ee");
}

TEST_F(ConsoleEscapeTest, InsertModeAndLineFeedMode)
{
    write("abc\r\x1b[4hXY\x1b[4lZ");
    EXPECT_EQ(row_text(console, 0), "XYZbc");
    write("\x1b[20l\x1b[1;3H\ncd\x1b[20h\nef");
    EXPECT_EQ(row_text(console, 1), "  cd");
    EXPECT_EQ(row_text(console, 2), "ef");
}

TEST_F(ConsoleEscapeTest, ReportsGoToTheReplySink)
{
    write("\x1b[5n\x1b[5;10H\x1b[6n\x1b[c\x1b[0c\x1bZ");
    EXPECT_EQ(replies, "\x1b[0n\x1b[5;10R\x1b[?6c\x1b[?6c\x1b[?6c");
    replies.clear();
    write("\x1b[?6n\x1b[?1c\x1b[>c\x1b[7n");
    EXPECT_EQ(replies, "");
    EXPECT_EQ(mirrored.find("R"), std::string::npos); // replies are not mirrored
    console.set_reply_sink(nullptr, nullptr);
    write("\x1b[6n"); // dropped
    EXPECT_EQ(replies, "");
}

TEST_F(ConsoleEscapeTest, FullResetClearsEverything)
{
    write("\x1b[5;10r\x1b[?6h\x1b[?7l\x1b[31;7mtext\x1b[?25l\x1b(0\x1b" "c");
    EXPECT_EQ(row_text(console, 4), "");
    expect_cursor(0, 0);
    EXPECT_TRUE(console.cursor_visible());
    write("\x1b[30;1Hq" + std::string(80, 'w'));
    EXPECT_EQ(row_text(console, 23), "q" + std::string(79, 'w')); // autowrap is back on
    EXPECT_EQ(row_text(console, 24), "w");
    EXPECT_EQ(row_text(console, 22), "");
    EXPECT_EQ(attribute(0, 23), 0x07);
}

TEST_F(ConsoleEscapeTest, DecLineDrawingShowsBoxCharacters)
{
    write("\x1b(0lqk\x1b(Bq\x1b)0\x0ex\x0fx~");
    EXPECT_EQ(row_text(console, 0), "\xDA\xC4\xBFq\xB3x~");
    EXPECT_EQ(mirrored, "\u250C\u2500\u2510q\u2502x~");
}

TEST_F(ConsoleEscapeTest, SequencesSplitAcrossWrites)
{
    std::string sequence = "\x1b[12;34H\x1b[31mX";
    for (char byte : sequence)
        write(std::string(1, byte));
    EXPECT_EQ(console.cell_at(33, 11).character, 'X');
    EXPECT_EQ(attribute(33, 11), 0x04);
    write("\xC3");
    write("\xA9\x1b");
    write("[");
    write("2J");
    EXPECT_EQ(row_text(console, 11), "");
}

TEST_F(ConsoleEscapeTest, GarbageIsSwallowedNotShown)
{
    write("\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20mA");
    write("\x1b[5zB\x1b[?1000hC\x1b]0;title\aD\x1b#8E\x1b[!pF\x1b[>1;2cG\x1b=H\x1b%GI");
    write("\x1b[99999999999999999999CJ");
    EXPECT_EQ(row_text(console, 0), std::string("ABCDEFGHI") + std::string(70, ' ') + "J");
    write("\r\n\x1b[12\x18K\x1b[3\x1a" "L\x1b\x1b[2CM");
    EXPECT_EQ(row_text(console, 1), "KL  M");
    write("\r\n\x1b[1\xC3\xA9N"); // a high byte ends the sequence and is text
    EXPECT_EQ(row_text(console, 2), "\x82N");
    write("\r\n\xC3\x1b[1mO"); // ESC cuts a character short
    EXPECT_EQ(row_text(console, 3), "?O");
}

TEST_F(ConsoleEscapeTest, ControlCharactersWithoutPicturesAreIgnored)
{
    write(std::string("a\a\x7f") + '\0' + "b\x0e\x0f" + "c\x01");
    EXPECT_EQ(row_text(console, 0), "abc\x01");
    write("\x1b[1;1H\x1b[2\n;3H"); // a line feed inside a sequence is carried out
    expect_cursor(2, 1);
}

TEST_F(ConsoleEscapeTest, EraseDisplayThreeClearsTheScrollback)
{
    for (int line = 0; line < 30; ++line)
        write("line\n");
    EXPECT_EQ(console.scrollback_count(), 6);
    write("\x1b[3J");
    EXPECT_EQ(console.scrollback_count(), 0);
    EXPECT_EQ(row_text(console, 0), "");
}

// The serial mirror gets what the console did, normalised.
TEST_F(ConsoleEscapeTest, MirrorsMovesAsClampedPositions)
{
    write("\x1b[5;10H\x1b[2A\x1b[99C\x1b[100A\x1b[3E\x1b[0;0H");
    EXPECT_EQ(mirrored, "\x1b[5;10H\x1b[2A\x1b[10G\x1b[80G\x1b[2A\x1b[80G\x1b[3B\x1b[1G\x1b[1;1H");
}

TEST_F(ConsoleEscapeTest, MirrorsEditsInTheCurrentColours)
{
    write("\x1b[44m\x1b[2J\x1b[0m\x1b[K\x1b[3L\x1b[2P");
    EXPECT_EQ(mirrored, "\x1b[0;37;44m\x1b[2J\x1b[0m\x1b[0K\x1b[3L\x1b[1G\x1b[2P");
}

TEST_F(ConsoleEscapeTest, MirrorsRegionsIndexAndColours)
{
    write("\x1b[2;10r\x1b[r\x1b" "D\x1bM\x1b[1;7mx\x1b[0m\n\x1b[20lz\n");
    EXPECT_EQ(mirrored, "\x1b[2;10r\x1b[1;1H\x1b[r\x1b[1;1H\x1b" "D\x1bM\x1b[0;90;47mx\x1b[0m\nz\x1b" "D");
}

TEST_F(ConsoleEscapeTest, MirrorsTheAlternateScreenAndModes)
{
    write("ab\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[4h\x1b[?1049l\x1b[?25h\x1b" "c");
    EXPECT_EQ(mirrored, "ab\x1b[?1049h\x1b[2J\x1b[H\x1b[1;3H\x1b[?25l\x1b[?7l\x1b[4h\x1b[?1049l"
                        "\x1b[?25h\x1b" "c");
}

TEST_F(ConsoleEscapeTest, KeyboardModesAreKeptForTheKeyboard)
{
    EXPECT_FALSE(console.application_cursor_keys());
    EXPECT_FALSE(console.application_keypad());
    write("\x1b[?1h\x1b=");
    EXPECT_TRUE(console.application_cursor_keys());
    EXPECT_TRUE(console.application_keypad());
    write("\x1b[?1l\x1b>");
    EXPECT_FALSE(console.application_cursor_keys());
    EXPECT_FALSE(console.application_keypad());
    write("\x1b[?1h\x1b=\x1b" "c");
    EXPECT_FALSE(console.application_cursor_keys());
    EXPECT_FALSE(console.application_keypad());
    EXPECT_EQ(row_text(console, 0), "");
}
