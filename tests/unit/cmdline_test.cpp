// cmdline: name=value lookup on the kernel command line, and the words it leaves to init.
#include <cmdline/cmdline.hpp>
#include <gtest/gtest.h>
#include <kstd/fixed_string.hpp>
#include <string>
#include <vector>

TEST(Cmdline, FindsValuesByExactName)
{
    kstd::StringView line = "quiet heap=slab ktest=console_scrolls heapx=1";
    EXPECT_TRUE(cmdline::option_in(line, "heap") == "slab");
    EXPECT_TRUE(cmdline::option_in(line, "ktest") == "console_scrolls");
    EXPECT_TRUE(cmdline::option_in(line, "heapx") == "1");
    EXPECT_TRUE(cmdline::option_in(line, "quiet").empty());
    EXPECT_TRUE(cmdline::option_in(line, "missing").empty());
    EXPECT_TRUE(cmdline::option_in("", "heap").empty());
}

TEST(Cmdline, FindTellsAnEmptyValueFromAnAbsentOne)
{
    kstd::StringView line = "heap= status=on status=off";
    ASSERT_TRUE(cmdline::find_in(line, "heap").has_value());
    EXPECT_TRUE(cmdline::find_in(line, "heap").value().empty());
    EXPECT_FALSE(cmdline::find_in(line, "missing").has_value());
    EXPECT_TRUE(cmdline::find_in(line, "status").value() == "off"); // the last one wins
}

namespace {
constexpr kstd::StringView HEAPS[] = { "slab", "list", "block", "bump" };

std::string rejection_for(kstd::StringView line)
{
    cmdline::Choice choice = cmdline::choice_in(line, "heap", HEAPS, "slab");
    if (!choice.rejected)
        return {};
    kstd::FixedString<120> text;
    cmdline::write_rejection(text, "heap", choice, HEAPS);
    return std::string(text.view().data(), text.view().size());
}
} // namespace

TEST(Cmdline, ChoiceTakesAnAllowedValueAndFallsBackWhenAbsent)
{
    cmdline::Choice given = cmdline::choice_in("quiet heap=block", "heap", HEAPS, "slab");
    EXPECT_TRUE(given.value == "block");
    EXPECT_FALSE(given.rejected);
    cmdline::Choice absent = cmdline::choice_in("quiet heapx=list", "heap", HEAPS, "slab");
    EXPECT_TRUE(absent.value == "slab");
    EXPECT_FALSE(absent.rejected);
}

TEST(Cmdline, ChoiceRejectsEveryOtherValueTheSameWay)
{
    EXPECT_EQ(rejection_for("heap=bogus"),
              "cmdline: heap=bogus: unknown value (slab, list, block or bump); using slab");
    EXPECT_EQ(rejection_for("heap="),
              "cmdline: heap=: unknown value (slab, list, block or bump); using slab");
    EXPECT_EQ(rejection_for("heap=Slab"),
              "cmdline: heap=Slab: unknown value (slab, list, block or bump); using slab");
    cmdline::Choice empty = cmdline::choice_in("heap=", "heap", HEAPS, "slab");
    EXPECT_TRUE(empty.rejected);
    EXPECT_TRUE(empty.value == "slab");
}

namespace {
std::vector<std::string> strings(const kstd::StringView* words, size_t count)
{
    std::vector<std::string> out;
    for (size_t index = 0; index < count; ++index)
        out.emplace_back(words[index].data(), words[index].size());
    return out;
}
} // namespace

// As Linux's unknown_bootoption and set_init_arg: the kernel's own parameters and module
// parameters stay, name=value goes to the environment, other words to the arguments, and
// after "--" every word is an argument.
TEST(Cmdline, WordsThatAreNotTheKernelsGoToInit)
{
    cmdline::InitWords words = cmdline::init_words_in(
        "heap=list  single LANG=C.UTF-8 init=/sbin/init usbcore.autosuspend=1 status=on -- x=1 ktest");
    std::vector<std::string> arguments { "single", "x=1", "ktest" };
    std::vector<std::string> environment { "LANG=C.UTF-8" };
    EXPECT_EQ(strings(words.arguments, words.argument_count), arguments);
    EXPECT_EQ(strings(words.environment, words.environment_count), environment);
    EXPECT_EQ(words.dropped, 0u);
}

TEST(Cmdline, InitGetsAtMostThirtyTwoWordsOfEachKind)
{
    std::string line;
    for (int index = 0; index < 40; ++index)
        line += "word" + std::to_string(index) + " VARIABLE" + std::to_string(index) + "=1 ";
    cmdline::InitWords words = cmdline::init_words_in({ line.data(), line.size() });
    EXPECT_EQ(words.argument_count, cmdline::InitWords::MAX);
    EXPECT_EQ(words.environment_count, cmdline::InitWords::MAX);
    EXPECT_EQ(words.dropped, 16u);
    EXPECT_TRUE(words.arguments[31] == "word31");
    EXPECT_TRUE(words.environment[31] == "VARIABLE31=1");
}
