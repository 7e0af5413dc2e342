// Shell: word splitting, command dispatch and the errors a user can cause.
#include <console/print.hpp>
#include <gtest/gtest.h>
#include <shell/arguments.hpp>
#include <shell/commands.hpp>
#include <sched/thread.hpp>
#include <shell/shell.hpp>
#include <regex>
#include <string>

using shell::Arguments;

namespace {
std::string word(const Arguments& arguments, size_t index)
{
    return std::string(arguments[index].data(), arguments[index].size());
}

// The text of the console row `back` rows above the cursor's row.
std::string console_row(int back)
{
    console::Console& console = console::kernel_console();
    std::string text;
    uint16_t row = static_cast<uint16_t>(console.cursor_row() - back);
    for (uint16_t col = 0; col < console.cols(); ++col)
        text += static_cast<char>(console.cell_at(col, row).character);
    return text.substr(0, text.find_last_not_of(' ') + 1);
}

struct ShellTest : ::testing::Test {
    shell::Shell shell { console::kernel_console() };
};
} // namespace

TEST(Arguments, SplitsOnBlanks)
{
    Arguments arguments;
    ASSERT_FALSE(arguments.parse("  echo \t one  two ").is_error());
    ASSERT_EQ(arguments.count(), 3u);
    EXPECT_EQ(word(arguments, 0), "echo");
    EXPECT_EQ(word(arguments, 2), "two");
    EXPECT_EQ(arguments.tail().size(), 2u);
}

TEST(Arguments, QuotesAndBackslashes)
{
    Arguments arguments;
    ASSERT_FALSE(arguments.parse(R"(say "a b" 'c "d"' e\ f "g\"h" 'i\j' "")").is_error());
    ASSERT_EQ(arguments.count(), 7u);
    EXPECT_EQ(word(arguments, 1), "a b");
    EXPECT_EQ(word(arguments, 2), "c \"d\"");
    EXPECT_EQ(word(arguments, 3), "e f");
    EXPECT_EQ(word(arguments, 4), "g\"h");
    EXPECT_EQ(word(arguments, 5), "i\\j");
    EXPECT_EQ(word(arguments, 6), "");
}

TEST(Arguments, ErrorsForBadQuotingAndTooManyWords)
{
    Arguments arguments;
    auto unterminated = arguments.parse("echo \"oops");
    ASSERT_TRUE(unterminated.is_error());
    EXPECT_EQ(unterminated.error().code(), kstd::Errno::InvalidArgument);
    EXPECT_TRUE(arguments.parse("echo oops\\").is_error());
    std::string many;
    for (size_t i = 0; i <= Arguments::MAX_WORDS; ++i)
        many += "w ";
    auto too_many = arguments.parse(many.c_str());
    ASSERT_TRUE(too_many.is_error());
    EXPECT_EQ(too_many.error().code(), kstd::Errno::ArgumentListTooLong);
    EXPECT_TRUE(arguments.parse(std::string(500, 'x').c_str()).is_error());
}

TEST(Arguments, OutputRedirectionIsNotAWord)
{
    using Mode = shell::Redirection::Mode;
    Arguments arguments;
    ASSERT_FALSE(arguments.parse("echo a b > out").is_error());
    EXPECT_EQ(arguments.count(), 3u);
    EXPECT_EQ(arguments.redirection().mode, Mode::Truncate);
    EXPECT_EQ(std::string(arguments.redirection().path.data(), arguments.redirection().path.size()), "out");
    ASSERT_FALSE(arguments.parse(">>'my log' echo a").is_error());
    EXPECT_EQ(arguments.count(), 2u);
    EXPECT_EQ(word(arguments, 1), "a");
    EXPECT_EQ(arguments.redirection().mode, Mode::Append);
    EXPECT_EQ(std::string(arguments.redirection().path.data(), arguments.redirection().path.size()),
              "my log");
    ASSERT_FALSE(arguments.parse(R"(echo '>' \> ">>")").is_error());
    EXPECT_FALSE(arguments.redirection());
    EXPECT_EQ(arguments.count(), 4u);
    EXPECT_EQ(word(arguments, 2), ">");
    EXPECT_EQ(word(arguments, 3), ">>");
}

TEST(Arguments, RedirectionErrors)
{
    Arguments arguments;
    for (const char* line : { "echo >", "echo > ", "echo >> >x", "echo > a > b", "echo >a >>b" }) {
        auto parsed = arguments.parse(line);
        ASSERT_TRUE(parsed.is_error()) << line;
        EXPECT_EQ(parsed.error().code(), kstd::Errno::InvalidArgument) << line;
    }
    EXPECT_EQ(std::string(arguments.parse("echo > a > b").error().detail().data()),
              "only one output redirection");
    EXPECT_EQ(std::string(arguments.parse("echo >").error().detail().data()), "no file name after '>'");
}

TEST_F(ShellTest, EchoPrintsItsWords)
{
    EXPECT_EQ(shell.execute("echo hello   'big world'"), 0);
    EXPECT_EQ(console_row(1), "hello big world");
}

// ps: two header lines, then each process (here only the kernel's, pid 0, with no parent
// and no command line) followed by its threads (the host test runs no scheduler, so there
// may be none).
TEST_F(ShellTest, PsShowsTheKernelProcessThenItsThreads)
{
    size_t threads = sched::thread_count();
    EXPECT_EQ(shell.execute("ps"), 0);
    EXPECT_EQ(console_row(int(threads) + 3), "  PID  PPID STAT    CPU(ms) COMMAND");
    EXPECT_EQ(console_row(int(threads) + 2), "    TID NAME                    PRIO STATE       CPU(ms)");
    EXPECT_TRUE(std::regex_match(console_row(int(threads) + 1), std::regex("    0     0 [RS] +[0-9]+ kernel")))
        << console_row(int(threads) + 1);
}

TEST_F(ShellTest, UnknownCommandIsAClearErrorAndTheShellGoesOn)
{
    EXPECT_EQ(shell.execute("frobnicate now"), shell::STATUS_NOT_FOUND);
    EXPECT_EQ(console_row(1), "frobnicate: command not found (try 'help')");
    EXPECT_EQ(shell.execute("echo still here"), 0);
    EXPECT_EQ(console_row(1), "still here");
}

TEST_F(ShellTest, BadArgumentsGiveUsage)
{
    EXPECT_EQ(shell.execute("clear now"), shell::STATUS_USAGE);
    EXPECT_EQ(console_row(1), "usage: clear");
    EXPECT_EQ(shell.execute("color pink"), shell::STATUS_FAILURE);
    EXPECT_EQ(console_row(1), "color: unknown colour 'pink' (run 'color' to list them)");
    EXPECT_EQ(shell.execute("color red red"), shell::STATUS_FAILURE);
    EXPECT_EQ(shell.execute("echo \"unterminated"), shell::STATUS_USAGE);
    EXPECT_EQ(console_row(1), "shell: unterminated quote");
    EXPECT_EQ(shell.execute("help nosuch"), shell::STATUS_FAILURE);
}

TEST_F(ShellTest, ColorChangesTheConsoleStyle)
{
    EXPECT_EQ(shell.execute("color yellow blue"), 0);
    EXPECT_EQ(console::kernel_console().style(),
              console::colors(console::Color::Yellow, console::Color::Blue));
    EXPECT_EQ(shell.execute("color reset"), 0);
    EXPECT_EQ(console::kernel_console().style(), console::DEFAULT_STYLE);
}

TEST_F(ShellTest, HelpListsEveryCommand)
{
    EXPECT_EQ(shell.execute("help"), 0);
    EXPECT_EQ(shell.execute("help uptime"), 0);
    EXPECT_EQ(console_row(1), "  show the time since boot and the timer ticks");
    EXPECT_EQ(shell.execute("version"), 0);
    EXPECT_EQ(console_row(1).substr(0, 5), "Keel ");
}

TEST_F(ShellTest, EmptyLineDoesNothing)
{
    int before = shell.last_status();
    EXPECT_EQ(shell.execute("   "), before);
}

// The report itself goes to the serial line (stdout here) and is checked by the kernel and
// end-to-end tests; here: the panic halts the machine, which in the sim ends the process.
TEST_F(ShellTest, PanicCommandHaltsTheMachine)
{
    EXPECT_EXIT(shell.execute("panic boom"), ::testing::ExitedWithCode(3), "");
}
