// Writing through the line discipline: output processing (OPOST with ONLCR, OCRNL, ONOCR,
// ONLRET, XTABS, and none without OPOST), the column it keeps, echo through the same
// processing, and long writes reaching the driver whole.
#include "tty_test_support.hpp"

namespace {

using namespace tty;
using tty_test::TtyTest;

std::string spaces(size_t count) { return std::string(count, ' '); }

TEST_F(TtyTest, OnlcrSendsNewlinesAsCarriageReturnNewline)
{
    EXPECT_EQ(write("a\nb\r\n"), "5");
    EXPECT_EQ(screen.take(), "a\r\nb\r\r\n");
}

TEST_F(TtyTest, WithoutOpostBytesGoOutAsTheyAre)
{
    set_output(oflag::OCRNL | oflag::XTABS, oflag::OPOST);
    write("a\n\r\t");
    EXPECT_EQ(screen.take(), "a\n\r\t");
    type("x\n"); // echo is not processed either
    EXPECT_EQ(screen.take(), "x\n");
}

TEST_F(TtyTest, OcrnlTurnsCarriageReturnsIntoNewlines)
{
    set_output(oflag::OCRNL, oflag::ONLCR);
    write("a\rb\n");
    EXPECT_EQ(screen.take(), "a\nb\n");
}

TEST_F(TtyTest, OnocrDropsCarriageReturnsAtColumnZero)
{
    set_output(oflag::ONOCR, oflag::ONLCR);
    write("\rab\r\r");
    EXPECT_EQ(screen.take(), "ab\r");
    set_output(oflag::ONLRET);
    write("cd\n\r"); // ONLRET: after a newline the column is 0
    EXPECT_EQ(screen.take(), "cd\n");
}

TEST_F(TtyTest, XtabsExpandsTabsToTheNextMultipleOfEight)
{
    set_output(oflag::XTABS);
    write("ab\tc\t\t\xc3\xa9\t");
    // Without IUTF8 each byte of "é" takes a column, as in Linux.
    EXPECT_EQ(screen.take(), "ab" + spaces(6) + "c" + spaces(7) + spaces(8) + "\xc3\xa9" + spaces(6));
}

TEST_F(TtyTest, BackspaceMovesTheColumnBackForTabs)
{
    set_input(iflag::IUTF8); // counts a UTF-8 character as one column
    set_output(oflag::XTABS);
    write("abc\b\t\xc3\xa9\t");
    EXPECT_EQ(screen.take(), "abc\b" + spaces(6) + "\xc3\xa9" + spaces(7));
}

TEST_F(TtyTest, EchoGoesThroughOutputProcessing)
{
    set_output(oflag::XTABS);
    type("a\t\r");
    EXPECT_EQ(screen.take(), "a       \r\n");
    EXPECT_EQ(read(), "a\t\n");
}

TEST_F(TtyTest, ALongWriteReachesTheDriverWholeAndInOrder)
{
    std::string text;
    for (size_t index = 0; index < 1000; ++index)
        text += "\xe2\x82\xac" + std::to_string(index) + (index % 17 == 0 ? "\n" : "");
    EXPECT_EQ(write(text), std::to_string(text.size()));
    std::string expected;
    for (char byte : text)
        expected += byte == '\n' ? std::string("\r\n") : std::string(1, byte);
    EXPECT_EQ(screen.take(), expected);
}

} // namespace
