// kstd::StringView and kstd::Span: bounds-safe views over memory someone else owns.
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>

#include <kstd/span.hpp>
#include <kstd/string_view.hpp>

#include <string>

namespace {

using kstd::Span;
using kstd::StringView;

TEST(KstdStringView, Basics)
{
    StringView empty;
    EXPECT_TRUE(empty.empty());
    EXPECT_NE(empty.data(), nullptr);
    StringView from_null(nullptr);
    EXPECT_TRUE(from_null.empty());
    StringView hello = "hello";
    EXPECT_EQ(hello.size(), 5u);
    EXPECT_EQ(hello[1], 'e');
    EXPECT_EQ(hello, StringView("hello"));
    EXPECT_FALSE(hello == StringView("hell"));
    EXPECT_FALSE(hello == StringView("help!"));
    std::string collected(hello.begin(), hello.end());
    EXPECT_EQ(collected, "hello");
}

TEST(KstdStringView, SubstringsAreClamped)
{
    StringView text = "kernel";
    EXPECT_EQ(text.substring(2), StringView("rnel"));
    EXPECT_EQ(text.substring(1, 3), StringView("ern"));
    EXPECT_EQ(text.substring(4, 100), StringView("el"));
    EXPECT_TRUE(text.substring(100).empty());
    EXPECT_TRUE(text.substring(6, 1).empty());
}

TEST(KstdStringView, FindAndAffixes)
{
    StringView path = "/bin/sh";
    EXPECT_EQ(path.find('/'), 0u);
    EXPECT_EQ(path.find('/', 1), 4u);
    EXPECT_EQ(path.find('x'), StringView::npos);
    EXPECT_EQ(path.find('/', 100), StringView::npos);
    EXPECT_EQ(StringView("run(int) [clone .0]").find(" [clone"), 8u);
    EXPECT_EQ(StringView("abcabc").find("bc", 2), 4u);
    EXPECT_EQ(StringView("abc").find("abcd"), StringView::npos);
    EXPECT_EQ(StringView("abc").find(""), 0u);
    EXPECT_TRUE(path.starts_with("/bin"));
    EXPECT_TRUE(path.starts_with(""));
    EXPECT_FALSE(path.starts_with("/usr"));
    EXPECT_FALSE(StringView("/b").starts_with("/bin"));
    EXPECT_TRUE(path.ends_with("sh"));
    EXPECT_FALSE(path.ends_with("bash"));
    EXPECT_FALSE(StringView("sh").ends_with("/bin/sh"));
}

TEST(KstdStringView, IsConstexpr)
{
    constexpr StringView text = "abc";
    static_assert(text.size() == 3);
    static_assert(text.substring(1) == StringView("bc"));
    static_assert(text.find('c') == 2);
}

TEST(KstdSpan, ViewsAnArray)
{
    int numbers[] = { 1, 2, 3, 4 };
    Span<int> span(numbers);
    EXPECT_EQ(span.size(), 4u);
    EXPECT_FALSE(span.empty());
    EXPECT_EQ(span.data(), numbers);
    span[2] = 30;
    EXPECT_EQ(numbers[2], 30);
    int sum = 0;
    for (int n : span)
        sum += n;
    EXPECT_EQ(sum, 1 + 2 + 30 + 4);
    EXPECT_TRUE(Span<int>().empty());
}

TEST(KstdSpan, Subspans)
{
    int numbers[] = { 1, 2, 3, 4, 5 };
    Span<const int> span(numbers, 5);
    Span<const int> middle = span.subspan(1, 3);
    EXPECT_EQ(middle.size(), 3u);
    EXPECT_EQ(middle[0], 2);
    EXPECT_EQ(middle[2], 4);
    EXPECT_TRUE(span.subspan(5, 0).empty());
}

TEST(KstdSpanDeathTest, OutOfBoundsIsABug)
{
    int numbers[] = { 1, 2 };
    Span<int> span(numbers);
    EXPECT_VERIFY_FAILS((void)span[2]);
    EXPECT_VERIFY_FAILS((void)span.subspan(1, 2));
}

} // namespace
