// cmdline: name=value lookup on the kernel command line.
#include <cmdline/cmdline.hpp>
#include <gtest/gtest.h>

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
