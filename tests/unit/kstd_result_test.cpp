// kstd::Error, Result<T>, Result<void> and TRY(): values and errors in, values and errors out.
//
// kstd's Errno enumerators (EINVAL, ...) share their names with the host's <errno.h>
// macros, so this file includes kstd first and names the codes it needs before any host
// header can define those macros.
#include <kstd/result.hpp>

namespace {
constexpr kstd::Errno no_entry = kstd::Errno::NoSuchEntry;
constexpr kstd::Errno no_memory = kstd::Errno::OutOfMemory;
constexpr kstd::Errno invalid = kstd::Errno::InvalidArgument;
constexpr kstd::Errno no_space = kstd::Errno::NoSpace;
constexpr kstd::Errno symlink_loop = kstd::Errno::TooManySymlinks;
} // namespace

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace {

using kstd::Errno;
using kstd::Error;
using kstd::Result;

std::string text(kstd::StringView view) { return std::string(view.data(), view.size()); }

TEST(KstdError, NamesAndDescriptions)
{
    Error error = Error::from_errno(no_entry);
    EXPECT_EQ(error.code(), no_entry);
    EXPECT_EQ(text(error.name()), "ENOENT");
    EXPECT_EQ(text(error.description()), "No such file or directory");
    EXPECT_TRUE(error.detail().empty());
    EXPECT_EQ(text(Error::from_errno(no_memory).description()), "Cannot allocate memory");
    EXPECT_EQ(text(Error::from_errno(symlink_loop).name()), "ELOOP");
}

TEST(KstdError, DetailAndUnknownCodes)
{
    Error error = Error::with_detail(invalid, "bad magic");
    EXPECT_EQ(text(error.detail()), "bad magic");
    EXPECT_EQ(text(error.name()), "EINVAL");
    Error unknown = Error::from_errno(static_cast<Errno>(9999));
    EXPECT_EQ(text(unknown.name()), "E?");
    EXPECT_EQ(text(unknown.description()), "Unknown error");
}

Result<int> parse_digit(char c)
{
    if (c < '0' || c > '9')
        return invalid;
    return c - '0';
}

Result<int> add_digits(char a, char b)
{
    int first = TRY(parse_digit(a));
    int second = TRY(parse_digit(b));
    return first + second;
}

Result<void> check_digit(char c)
{
    TRY(parse_digit(c));
    return {};
}

Result<void> check_both(char a, char b)
{
    TRY(check_digit(a));
    TRY(check_digit(b));
    return {};
}

TEST(KstdResult, ValueOrError)
{
    Result<int> good = parse_digit('7');
    ASSERT_FALSE(good.is_error());
    EXPECT_EQ(good.value(), 7);
    EXPECT_EQ(good.release_value(), 7);
    Result<int> bad = parse_digit('x');
    ASSERT_TRUE(bad.is_error());
    EXPECT_EQ(bad.error().code(), invalid);
    EXPECT_EQ(bad.release_error().code(), invalid);
}

TEST(KstdResult, TryPassesErrorsUp)
{
    Result<int> sum = add_digits('4', '5');
    ASSERT_FALSE(sum.is_error());
    EXPECT_EQ(sum.value(), 9);
    EXPECT_EQ(add_digits('4', '?').error().code(), invalid);
    EXPECT_EQ(add_digits('?', '4').error().code(), invalid);
}

TEST(KstdResult, VoidResults)
{
    EXPECT_FALSE(check_both('1', '2').is_error());
    Result<void> failed = check_both('1', 'z');
    ASSERT_TRUE(failed.is_error());
    EXPECT_EQ(failed.error().code(), invalid);
    Result<void> with_detail = Error::with_detail(no_space, "disk full");
    EXPECT_EQ(text(with_detail.error().detail()), "disk full");
}

TEST(KstdResult, HoldsMoveOnlyValues)
{
    Result<std::unique_ptr<int>> result = std::make_unique<int>(42);
    Result<std::unique_ptr<int>> moved = std::move(result);
    ASSERT_FALSE(moved.is_error());
    std::unique_ptr<int> value = moved.release_value();
    EXPECT_EQ(*value, 42);
}

} // namespace
