// kstd::sort against std::sort: random arrays of every small size, duplicates, already
// sorted and reversed input, and a custom order.
#include <gtest/gtest.h>
#include <kstd/sort.hpp>

#include <algorithm>
#include <random>
#include <vector>

namespace {
void expect_sorted_like_std(std::vector<int> values)
{
    std::vector<int> expected = values;
    std::sort(expected.begin(), expected.end());
    kstd::sort(kstd::Span<int>(values.data(), values.size()), [](int a, int b) { return a < b; });
    EXPECT_EQ(values, expected);
}
} // namespace

TEST(KstdSort, MatchesStdSortOnRandomInput)
{
    std::mt19937 random(42);
    for (size_t size = 0; size < 200; ++size) {
        std::vector<int> values(size);
        for (int& value : values)
            value = static_cast<int>(random() % 50); // many duplicates
        expect_sorted_like_std(values);
    }
}

TEST(KstdSort, SortedReversedAndEqualInput)
{
    std::vector<int> ascending(1000);
    for (size_t index = 0; index < ascending.size(); ++index)
        ascending[index] = static_cast<int>(index);
    expect_sorted_like_std(ascending);
    expect_sorted_like_std(std::vector<int>(ascending.rbegin(), ascending.rend()));
    expect_sorted_like_std(std::vector<int>(100, 7));
}

TEST(KstdSort, UsesTheGivenOrder)
{
    int values[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
    kstd::sort(kstd::Span<int>(values), [](int a, int b) { return a > b; });
    EXPECT_TRUE(std::is_sorted(std::begin(values), std::end(values), std::greater<int>()));
}
