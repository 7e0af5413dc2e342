// The line discipline's signal characters (ISIG: VINTR, VQUIT, VSUSP, flushing unless
// NOFLSH), flow control (IXON: VSTOP, VSTART, IXANY, TCXONC; writers wait, echo is held),
// the input flags ISTRIP, INLCR, IGNCR, ICRNL, and the window size.
#include "tty_test_support.hpp"

namespace {

using namespace tty;
using tty_test::TtyTest;
using Signal = tty::TerminalSignal;

TEST_F(TtyTest, SignalCharactersSignalEchoAndFlushTheInput)
{
    type("abc\x03");
    EXPECT_EQ(screen.take(), "abc^C");
    EXPECT_EQ(signals.sent, std::vector<Signal> { Signal::Interrupt });
    EXPECT_EQ(discipline.readable_count(), 0u);
    type("line\nmore\x1c" "x\n");
    EXPECT_EQ(screen.take(), "line\r\nmore^\\x\r\n");
    EXPECT_EQ(read(), "x\n"); // the whole line before ^\ went too
    type("\x1a");
    EXPECT_EQ(screen.take(), "^Z");
    EXPECT_EQ(signals.sent, (std::vector<Signal> { Signal::Interrupt, Signal::Quit, Signal::Suspend }));
}

TEST_F(TtyTest, NoflshKeepsTheInputAndNoEchoShowsNothing)
{
    set_local(lflag::NOFLSH, lflag::ECHO);
    type("ab\x03" "c\n");
    EXPECT_EQ(screen.take(), "");
    EXPECT_EQ(read(), "abc\n");
    EXPECT_EQ(signals.sent.size(), 1u);
}

TEST_F(TtyTest, WithoutIsigSignalCharactersAreData)
{
    set_local(0, lflag::ISIG);
    type("\x03\x1c\x1a\n");
    EXPECT_EQ(read(), "\x03\x1c\x1a\n");
    EXPECT_EQ(screen.take(), "^C^\\^Z\r\n");
    EXPECT_TRUE(signals.sent.empty());
}

TEST_F(TtyTest, ChangedControlCharactersAreTheOnesThatSignal)
{
    set_control_character(cc::VINTR, 'q');
    type("\x03q");
    EXPECT_EQ(screen.take(), "^Cq");
    EXPECT_EQ(signals.sent, std::vector<Signal> { Signal::Interrupt });
}

TEST_F(TtyTest, StopHoldsEchoAndWritersUntilStart)
{
    type("\x13"); // ^S: not echoed, not data
    EXPECT_TRUE(discipline.is_output_stopped());
    type("ab");
    EXPECT_EQ(screen.take(), "");
    EXPECT_EQ(write("out", true), tty_test::EAGAIN_TEXT);
    waits.steps.push_back(arrive("\x11")); // ^Q while the writer waits
    EXPECT_EQ(write("out"), "3");
    EXPECT_EQ(screen.take(), "about"); // the held echo first
    EXPECT_FALSE(discipline.is_output_stopped());
    type("\n");
    EXPECT_EQ(read(), "ab\n");
}

TEST_F(TtyTest, AStoppedWriterIsInterrupted)
{
    type("\x13");
    waits.steps.push_back(interrupted());
    EXPECT_EQ(write("x"), tty_test::EINTR_TEXT);
    EXPECT_EQ(screen.take(), "");
}

TEST_F(TtyTest, SignalCharactersAndIxanyRestartOutput)
{
    type("\x13" "\x03");
    EXPECT_FALSE(discipline.is_output_stopped());
    EXPECT_EQ(screen.take(), "^C");
    type("\x13" "a");
    EXPECT_TRUE(discipline.is_output_stopped());
    set_input(iflag::IXANY);
    type("b");
    EXPECT_FALSE(discipline.is_output_stopped());
    EXPECT_EQ(screen.take(), "ab");
}

TEST_F(TtyTest, TcooffIsUndoneOnlyByTcoon)
{
    discipline.suspend_output();
    type("\x11" "a");
    EXPECT_TRUE(discipline.is_output_stopped());
    discipline.resume_output();
    EXPECT_EQ(screen.take(), "a");
}

TEST_F(TtyTest, WithoutIxonStopAndStartAreDataAndTurningItOffRestarts)
{
    type("\x13");
    set_input(0, iflag::IXON);
    EXPECT_FALSE(discipline.is_output_stopped());
    type("\x13\x11\n");
    EXPECT_EQ(read(), "\x13\x11\n");
}

TEST_F(TtyTest, CarriageReturnAndNewlineTranslations)
{
    set_local(0, lflag::ECHO);
    type("a\rb\n");
    EXPECT_EQ(read(), "a\n");
    set_input(iflag::IGNCR);
    type("c\rd\n");
    EXPECT_EQ(read(), "b\n"); // "b\n" was the second line
    EXPECT_EQ(read(), "cd\n");
    set_input(iflag::INLCR, iflag::IGNCR | iflag::ICRNL);
    type("e\nf\r");
    EXPECT_EQ(read(100, true), tty_test::EAGAIN_TEXT); // '\n' became '\r', no line end
    type("\n"); // INLCR's '\r' is not translated again
    EXPECT_EQ(read(100, true), tty_test::EAGAIN_TEXT);
    set_input(iflag::ICRNL);
    type("\r");
    EXPECT_EQ(read(), "e\rf\r\r\n");
}

TEST_F(TtyTest, IstripClearsTheEighthBit)
{
    set_input(iflag::ISTRIP);
    type("\xc1\x8a"); // 0x8a stripped is '\n'
    EXPECT_EQ(read(), "A\n");
}

TEST_F(TtyTest, AnewWindowSizeIsReportedOnce)
{
    WindowSize size { 25, 80, 0, 0 };
    discipline.set_window_size(size);
    discipline.set_window_size(size);
    EXPECT_EQ(discipline.window_size(), size);
    EXPECT_EQ(signals.sent, std::vector<Signal> { Signal::WindowChanged });
}

} // namespace
