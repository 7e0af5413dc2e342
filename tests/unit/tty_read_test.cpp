// Reading from the line discipline: Linux's four VMIN/VTIME cases with scripted waits
// (which wait, with which deadline, and what the read returns), O_NONBLOCK, EINTR, the
// full buffer in both modes, FIONREAD, poll's readability, and TCSETS* changing modes
// with bytes buffered.
#include "tty_test_support.hpp"

namespace {

using namespace tty;
using tty_test::DECISECOND_NS;
using tty_test::TtyTest;

TEST_F(TtyTest, MinZeroTimeZeroReturnsWhatIsThereWithoutWaiting)
{
    raw_mode(0, 0);
    EXPECT_EQ(read(), "");
    EXPECT_EQ(read(10, true), ""); // not EAGAIN
    type("abc");
    EXPECT_EQ(read(2), "ab");
    EXPECT_EQ(read(), "c");
    EXPECT_TRUE(waits.waits.empty());
}

TEST_F(TtyTest, MinWithoutTimeWaitsForMinBytesWithNoDeadline)
{
    raw_mode(3, 0);
    waits.steps.push_back(arrive("a"));
    waits.steps.push_back(arrive("bcde"));
    EXPECT_EQ(read(), "abcde"); // at least MIN, and what else is there
    ASSERT_EQ(waits.waits.size(), 2u);
    EXPECT_FALSE(waits.waits[0].had_deadline);
    EXPECT_FALSE(waits.waits[1].had_deadline);
    type("xy");
    EXPECT_EQ(read(2), "xy"); // a buffer smaller than MIN: full is enough
    EXPECT_EQ(waits.waits.size(), 2u);
}

TEST_F(TtyTest, TimeWithoutMinWaitsForTheFirstByteAtMostTime)
{
    raw_mode(0, 5);
    waits.steps.push_back(time_runs_out());
    EXPECT_EQ(read(), "");
    ASSERT_EQ(waits.waits.size(), 1u);
    EXPECT_TRUE(waits.waits[0].had_deadline);
    EXPECT_EQ(waits.waits[0].deadline_ns - waits.waits[0].at_ns, 5 * DECISECOND_NS);
    waits.steps.push_back(time_passes_then_arrive(DECISECOND_NS, "a"));
    EXPECT_EQ(read(), "a"); // one byte is enough
    waits.steps.push_back([this](kstd::Optional<uint64_t>) {
        waits.now += DECISECOND_NS; // woken, but nothing came: the same deadline stands
        return sched::WaitResult::Woken;
    });
    waits.steps.push_back(time_runs_out());
    uint64_t started = waits.now;
    EXPECT_EQ(read(), "");
    EXPECT_EQ(waits.now - started, 5 * DECISECOND_NS);
}

TEST_F(TtyTest, MinAndTimeStartAnInterByteTimerWithTheFirstByte)
{
    raw_mode(4, 2);
    waits.steps.push_back(time_passes_then_arrive(30 * DECISECOND_NS, "a"));
    waits.steps.push_back(time_passes_then_arrive(DECISECOND_NS, "b"));
    waits.steps.push_back(time_runs_out());
    EXPECT_EQ(read(), "ab");
    ASSERT_EQ(waits.waits.size(), 3u);
    EXPECT_FALSE(waits.waits[0].had_deadline); // no timer before the first byte
    EXPECT_EQ(waits.waits[1].deadline_ns - waits.waits[1].at_ns, 2 * DECISECOND_NS);
    EXPECT_EQ(waits.waits[2].deadline_ns - waits.waits[2].at_ns, 2 * DECISECOND_NS); // restarted by "b"
    waits.steps.push_back(arrive("cdef"));
    EXPECT_EQ(read(), "cdef"); // MIN reached: no timer needed
}

TEST_F(TtyTest, NonblockingReadsSayTryAgainUnlessBytesCame)
{
    EXPECT_EQ(read(10, true), tty_test::EAGAIN_TEXT);
    raw_mode(2, 0);
    EXPECT_EQ(read(10, true), tty_test::EAGAIN_TEXT);
    type("a");
    EXPECT_EQ(read(10, true), "a"); // fewer than MIN, but something
}

TEST_F(TtyTest, AnInterruptedReadSaysEintrOrReturnsWhatItHas)
{
    waits.steps.push_back(interrupted());
    type("partial");
    EXPECT_EQ(read(), tty_test::EINTR_TEXT);
    raw_mode(5, 0);
    EXPECT_EQ(read(), "partial"); // already 7 >= 5
    type("ab");
    waits.steps.push_back(interrupted());
    EXPECT_EQ(read(), "ab");
    waits.steps.push_back(interrupted());
    EXPECT_EQ(read(), tty_test::EINTR_TEXT);
}

TEST_F(TtyTest, AReaderWakesForALineNotForEachByte)
{
    waits.steps.push_back(arrive("ab"));
    waits.steps.push_back(arrive("c\r"));
    EXPECT_EQ(read(), "abc\n");
    EXPECT_EQ(waits.waits.size(), 2u);
}

TEST_F(TtyTest, AFullBufferRefusesBytesOutsideCanonicalMode)
{
    raw_mode(1, 0);
    std::string bytes(InputBuffer::CAPACITY - 1, 'x');
    type(bytes);
    EXPECT_FALSE(discipline.receive('y'));
    EXPECT_FALSE(discipline.receive('\x03')); // not even a signal character is looked at
    EXPECT_EQ(screen.room_notices, 0);
    EXPECT_EQ(read(10), "xxxxxxxxxx");
    EXPECT_EQ(screen.room_notices, 1);
    EXPECT_TRUE(discipline.receive('y'));
    EXPECT_EQ(discipline.readable_count(), InputBuffer::CAPACITY - 10);
}

TEST_F(TtyTest, AFullCanonicalLineKeepsTakingBytesInPlaceOfItsLast)
{
    set_local(0, lflag::ECHO);
    std::string bytes;
    for (size_t index = 0; index < 5000; ++index)
        bytes += static_cast<char>('a' + index % 26);
    type(bytes + "\n");
    std::string line = read(8192);
    ASSERT_EQ(line.size(), InputBuffer::CAPACITY);
    EXPECT_EQ(line, bytes.substr(0, InputBuffer::CAPACITY - 1) + "\n");
    // With a whole line in the full buffer, the next line's bytes are refused.
    type(bytes.substr(0, InputBuffer::CAPACITY - 2) + "\n");
    EXPECT_FALSE(discipline.receive('z'));
    EXPECT_EQ(read(8192).size(), InputBuffer::CAPACITY - 1);
}

TEST_F(TtyTest, FionreadCountsWholeLinesInCanonicalModeAndEverythingOtherwise)
{
    type("ab\n\x04" "cd");
    EXPECT_EQ(discipline.readable_count(), 3u); // "ab\n"; the VEOF mark is not counted
    EXPECT_TRUE(discipline.is_readable());
    raw_mode(3, 0);
    EXPECT_EQ(discipline.readable_count(), 6u); // everything, the VEOF mark (a 0 byte) too
    EXPECT_EQ(read(), std::string("ab\n\0cd", 6));
    type("ab");
    EXPECT_FALSE(discipline.is_readable()); // poll counts VMIN when VTIME is 0
    type("c");
    EXPECT_TRUE(discipline.is_readable());
}

TEST_F(TtyTest, TurningCanonicalModeOnMakesWhatIsBufferedALine)
{
    raw_mode(1, 0);
    type("abc");
    set_local(lflag::ICANON);
    EXPECT_EQ(discipline.readable_count(), 3u);
    EXPECT_EQ(read(), "abc");
    type("de");
    EXPECT_EQ(read(10, true), tty_test::EAGAIN_TEXT);
    set_local(0, lflag::ICANON);
    EXPECT_EQ(read(), "de"); // the unfinished line is readable at once
}

TEST_F(TtyTest, TcsetsfFlushesInputAndTcsetsKeepsIt)
{
    type("keep\n");
    Termios termios = discipline.termios();
    discipline.set_termios(termios, SetTermiosWhen::AfterOutput);
    EXPECT_EQ(discipline.readable_count(), 5u);
    discipline.set_termios(termios, SetTermiosWhen::AfterOutputFlushingInput);
    EXPECT_EQ(discipline.readable_count(), 0u);
    type("ab");
    discipline.flush_input();
    type("\n");
    EXPECT_EQ(read(), "\n");
}

} // namespace
