// kstd::FixedVector<T, N>: append up to capacity, index, iterate, remove_at, clear, and
// element lifetimes.
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>

#include <kstd/fixed_vector.hpp>

#include <memory>
#include <string>
#include <vector>

namespace {

using kstd::FixedVector;

template<typename T, size_t N>
std::vector<T> items(const FixedVector<T, N>& vector)
{
    return std::vector<T>(vector.begin(), vector.end());
}

TEST(KstdFixedVector, AppendUntilFull)
{
    FixedVector<int, 3> numbers;
    EXPECT_TRUE(numbers.is_empty());
    EXPECT_EQ(numbers.capacity(), 3u);
    EXPECT_TRUE(numbers.try_append(1));
    EXPECT_TRUE(numbers.try_append(2));
    EXPECT_TRUE(numbers.try_append(3));
    EXPECT_TRUE(numbers.is_full());
    EXPECT_FALSE(numbers.try_append(4));
    EXPECT_EQ(numbers.size(), 3u);
    EXPECT_EQ(items(numbers), (std::vector<int> { 1, 2, 3 }));
    numbers[1] = 20;
    const auto& view = numbers;
    EXPECT_EQ(view[1], 20);
}

TEST(KstdFixedVector, RemoveAtAndClear)
{
    FixedVector<std::string, 4> words;
    for (const char* word : { "zero", "one", "two", "three" })
        EXPECT_TRUE(words.try_append(word));
    words.remove_at(1);
    EXPECT_EQ(items(words), (std::vector<std::string> { "zero", "two", "three" }));
    words.remove_at(2);
    EXPECT_EQ(items(words), (std::vector<std::string> { "zero", "two" }));
    words.remove_at(0);
    EXPECT_EQ(items(words), (std::vector<std::string> { "two" }));
    EXPECT_TRUE(words.try_append(std::string(100, 'x')));
    words.clear();
    EXPECT_TRUE(words.is_empty());
    EXPECT_TRUE(words.try_append(std::string(100, 'y'))); // freed by the destructor (ASan)
}

TEST(KstdFixedVector, MoveOnlyItems)
{
    FixedVector<std::unique_ptr<int>, 2> owned;
    EXPECT_TRUE(owned.try_append(std::make_unique<int>(1)));
    EXPECT_TRUE(owned.try_append(std::make_unique<int>(2)));
    owned.remove_at(0);
    ASSERT_EQ(owned.size(), 1u);
    EXPECT_EQ(*owned[0], 2);
}

TEST(KstdFixedVectorDeathTest, IndexPastSizeIsABug)
{
    FixedVector<int, 4> numbers;
    EXPECT_TRUE(numbers.try_append(1));
    EXPECT_VERIFY_FAILS((void)numbers[1]);
    EXPECT_VERIFY_FAILS(numbers.remove_at(1));
}

} // namespace
