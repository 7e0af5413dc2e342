// kstd::parse_unsigned: digits only, bounded, nothing half read.
#include <gtest/gtest.h>

#include <kstd/parse_number.hpp>

TEST(KstdParseUnsigned, ReadsDecimalNumbers)
{
    EXPECT_EQ(kstd::parse_unsigned("0").value(), 0u);
    EXPECT_EQ(kstd::parse_unsigned("42").value(), 42u);
    EXPECT_EQ(kstd::parse_unsigned("18446744073709551615").value(), UINT64_MAX);
    EXPECT_EQ(kstd::parse_unsigned("31", 31).value(), 31u);
}

TEST(KstdParseUnsigned, RefusesAnythingElse)
{
    for (const char* bad : { "", "-1", "+1", " 1", "1 ", "12abc", "0x10", "1.5" })
        EXPECT_FALSE(kstd::parse_unsigned(bad).has_value()) << bad;
    EXPECT_FALSE(kstd::parse_unsigned("18446744073709551616").has_value());
    EXPECT_FALSE(kstd::parse_unsigned("32", 31).has_value());
}
