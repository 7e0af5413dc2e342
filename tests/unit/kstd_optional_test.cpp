// kstd::Optional<T>: presence, access, value_or, emplace/reset, and the lifetime of a
// non-trivial T (constructed and destroyed exactly once per value).
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>

#include <kstd/optional.hpp>

#include <memory>
#include <string>

namespace {

using kstd::Optional;

// Counts live instances, so leaks and double destruction show up.
struct Tracked {
    static inline int live = 0;
    explicit Tracked(int v) : value(v) { ++live; }
    Tracked(const Tracked& other) : value(other.value) { ++live; }
    Tracked(Tracked&& other) : value(other.value) { ++live; }
    ~Tracked() { --live; }
    Tracked& operator=(const Tracked&) = delete;
    int value;
};

TEST(KstdOptional, EmptyAndFull)
{
    Optional<int> none;
    EXPECT_FALSE(none.has_value());
    EXPECT_FALSE(none);
    EXPECT_EQ(none.value_or(5), 5);
    Optional<int> some = 3;
    EXPECT_TRUE(some.has_value());
    EXPECT_TRUE(some);
    EXPECT_EQ(some.value(), 3);
    EXPECT_EQ(some.value_or(5), 3);
    some.value() = 4;
    const Optional<int>& view = some;
    EXPECT_EQ(view.value(), 4);
}

TEST(KstdOptional, EmplaceAndReset)
{
    Optional<std::string> text;
    std::string& stored = text.emplace(3, 'x');
    EXPECT_EQ(stored, "xxx");
    text.emplace("replaced");
    EXPECT_EQ(text.value(), "replaced");
    text.reset();
    EXPECT_FALSE(text);
    text.reset();
    EXPECT_FALSE(text);
}

TEST(KstdOptional, NonTrivialLifetimes)
{
    ASSERT_EQ(Tracked::live, 0);
    {
        Optional<Tracked> a;
        EXPECT_EQ(Tracked::live, 0);
        a.emplace(1);
        EXPECT_EQ(Tracked::live, 1);
        Optional<Tracked> b = a;
        EXPECT_EQ(Tracked::live, 2);
        Optional<Tracked> c = std::move(a);
        EXPECT_EQ(Tracked::live, 3);
        EXPECT_EQ(c.value().value, 1);
        b.reset();
        EXPECT_EQ(Tracked::live, 2);
        b = c;
        EXPECT_EQ(Tracked::live, 3);
        c = Optional<Tracked>();
        EXPECT_EQ(Tracked::live, 2);
        b = b;
        EXPECT_EQ(b.value().value, 1);
    }
    EXPECT_EQ(Tracked::live, 0);
}

TEST(KstdOptional, MoveOnlyValues)
{
    Optional<std::unique_ptr<int>> a = std::make_unique<int>(9);
    Optional<std::unique_ptr<int>> b = std::move(a);
    ASSERT_TRUE(b);
    EXPECT_EQ(*b.value(), 9);
    static_assert(!std::is_copy_constructible_v<Optional<std::unique_ptr<int>>>);
}

TEST(KstdOptionalDeathTest, ReadingAnEmptyOptionalIsABug)
{
    Optional<int> none;
    EXPECT_VERIFY_FAILS((void)none.value());
}

} // namespace
