// The line discipline in canonical mode (Linux's defaults): lines and their echo, and the
// editing characters VERASE, VWERASE, VKILL, VEOF, VEOL, VLNEXT, VREPRINT with the echo
// flags ECHO, ECHOE, ECHOK, ECHOKE, ECHONL and ECHOCTL, byte for byte as n_tty echoes.
#include "tty_test_support.hpp"

namespace {

using namespace tty;
using tty_test::TtyTest;

std::string rubouts(size_t count)
{
    std::string text;
    for (size_t index = 0; index < count; ++index)
        text += "\b \b";
    return text;
}

TEST_F(TtyTest, ALineIsReadWithItsNewlineAndEchoedWithCarriageReturn)
{
    type("hello\r"); // Enter sends '\r'; ICRNL makes it '\n'
    EXPECT_EQ(screen.take(), "hello\r\n");
    EXPECT_EQ(read(), "hello\n");
}

TEST_F(TtyTest, AReadReturnsOneLineAtATimeAndALongLineInPieces)
{
    type("one\ntwo\nthree");
    EXPECT_EQ(read(), "one\n");
    EXPECT_EQ(read(2), "tw");
    EXPECT_EQ(read(2), "o\n");
    EXPECT_EQ(read(100, true), tty_test::EAGAIN_TEXT); // "three" is not a line yet
}

TEST_F(TtyTest, EndOfFileEndsALineUnechoedAndAtTheStartReadsAsNothing)
{
    type("abc\x04");
    EXPECT_EQ(screen.take(), "abc");
    EXPECT_EQ(read(), "abc");
    type("\x04");
    EXPECT_EQ(read(), "");
    type("xyz\x04");
    EXPECT_EQ(read(3), "xyz");
    EXPECT_EQ(read(3, true), tty_test::EAGAIN_TEXT); // the VEOF went with the full read
    EXPECT_EQ(discipline.readable_count(), 0u);
}

TEST_F(TtyTest, EraseRubsOutOneCharacter)
{
    type("ab\x7f" "c\n");
    EXPECT_EQ(screen.take(), "ab\b \bc\r\n");
    EXPECT_EQ(read(), "ac\n");
    type("\x7f"); // nothing to erase: no echo
    EXPECT_EQ(screen.take(), "");
}

TEST_F(TtyTest, EraseOfAControlCharacterRubsOutItsTwoColumns)
{
    type("a\x01\x7f");
    EXPECT_EQ(screen.take(), "a^A\b \b\b \b");
    set_local(0, lflag::ECHOCTL); // shown as itself, so nothing to rub out
    type("\x02\x7f\n");
    EXPECT_EQ(screen.take(), "\x02\r\n");
    EXPECT_EQ(read(), "a\n");
}

TEST_F(TtyTest, EraseWithoutEchoeEchoesTheEraseCharacter)
{
    set_local(0, lflag::ECHOE);
    type("ab\x7f");
    EXPECT_EQ(screen.take(), "ab^?");
    set_local(0, lflag::ECHOCTL);
    type("\x7f");
    EXPECT_EQ(screen.take(), "\x7f");
    type("\n");
    EXPECT_EQ(read(), "\n");
}

TEST_F(TtyTest, WordEraseTakesTheLastWordAndTheBlanksAfterIt)
{
    type("foo bar_1  \x17");
    EXPECT_EQ(screen.take(), "foo bar_1  " + rubouts(7)); // "  " and "bar_1"
    type("\x17\x17" "x\n"); // the second erases "foo " too; the third finds nothing
    EXPECT_EQ(read(), "x\n");
    set_local(0, lflag::IEXTEN); // VWERASE needs IEXTEN
    type("a\x17\n");
    EXPECT_EQ(read(), "a\x17\n");
}

TEST_F(TtyTest, KillWithEchokeRubsOutTheLine)
{
    type("ab\x01\x15");
    EXPECT_EQ(screen.take(), "ab^A" + rubouts(4)); // ^A takes two columns
    type("c\n");
    EXPECT_EQ(read(), "c\n");
}

TEST_F(TtyTest, KillWithoutEchokeEchoesTheKillCharacterAndANewlineForEchok)
{
    set_local(0, lflag::ECHOKE);
    type("ab\x15");
    EXPECT_EQ(screen.take(), "ab^U\r\n");
    set_local(0, lflag::ECHOK);
    type("cd\x15");
    EXPECT_EQ(screen.take(), "cd^U");
    set_local(0, lflag::ECHO);
    type("ef\x15" "g\n");
    EXPECT_EQ(screen.take(), "");
    EXPECT_EQ(read(), "g\n");
}

TEST_F(TtyTest, LiteralNextTakesTheNextByteAsItIs)
{
    type("\x16\x03\x16\x7f\n");
    EXPECT_EQ(screen.take(), "^\b^C^\b^?\r\n");
    EXPECT_EQ(read(), "\x03\x7f\n");
    EXPECT_TRUE(signals.sent.empty());
}

TEST_F(TtyTest, ReprintShowsTheLineAgain)
{
    type("ab\x01\x12");
    EXPECT_EQ(screen.take(), "ab^A^R\r\nab^A");
    type("\n");
    EXPECT_EQ(read(), "ab\x01\n");
}

TEST_F(TtyTest, EndOfLineCharactersEndALineAndStayInIt)
{
    set_control_character(cc::VEOL, ';');
    set_control_character(cc::VEOL2, 0x01);
    type("a;b\x01");
    EXPECT_EQ(screen.take(), "a;b^A");
    EXPECT_EQ(read(), "a;");
    EXPECT_EQ(read(), "b\x01");
}

TEST_F(TtyTest, DisabledControlCharactersNeverMatch)
{
    set_control_character(cc::VERASE, cc::DISABLED);
    set_control_character(cc::VEOF, cc::DISABLED);
    type(std::string("a\x7f\x04\0\n", 5));
    EXPECT_EQ(read(), std::string("a\x7f\x04\0\n", 5));
}

TEST_F(TtyTest, EchonlEchoesNewlinesWithoutEcho)
{
    set_local(lflag::ECHONL, lflag::ECHO);
    type("secret\n");
    EXPECT_EQ(screen.take(), "\r\n");
    EXPECT_EQ(read(), "secret\n");
}

TEST_F(TtyTest, ErasingATabBacksUpToWhereItStarted)
{
    type("ab\t\x7f");
    EXPECT_EQ(screen.take(), "ab\t\b\b\b\b\b\b");
    type("\n");
    EXPECT_EQ(read(), "ab\n");
    write("xyz"); // the next line's echo starts at column 3
    type("\t\x7f" "12\t\x7f");
    EXPECT_EQ(screen.take(), "\r\nxyz\t\b\b\b\b\b12\t\b\b\b");
}

TEST_F(TtyTest, Iutf8ErasesWholeCharacters)
{
    type("a\xc3\xa9\x7f");
    EXPECT_EQ(screen.take(), "a\xc3\xa9\b \b"); // without IUTF8: one byte
    type("\n");
    EXPECT_EQ(read(), "a\xc3\n");
    set_input(iflag::IUTF8);
    type("a\xe2\x82\xac\x7f\n");
    EXPECT_EQ(screen.take(), "\r\na\xe2\x82\xac\b \b\r\n");
    EXPECT_EQ(read(), "a\n");
}

} // namespace
