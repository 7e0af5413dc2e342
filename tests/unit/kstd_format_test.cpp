// kstd::format by example: the documented behaviour, the "{?}" error fields, the places
// where kstd deliberately differs from fmt, BufferWriter truncation and FixedString.
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>

#include <kstd/fixed_string.hpp>
#include <kstd/format.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace {

// Collects everything written, however long.
class StringWriter final : public kstd::Writer {
public:
    void write(kstd::StringView text) override { m_text.append(text.data(), text.size()); }
    const std::string& text() const { return m_text; }

private:
    std::string m_text;
};

template<typename... Args>
std::string format(kstd::StringView format_string, const Args&... args)
{
    StringWriter writer;
    kstd::format_to(writer, format_string, args...);
    return writer.text();
}

TEST(KstdFormat, PlainTextAndEscapes)
{
    EXPECT_EQ(format(""), "");
    EXPECT_EQ(format("no fields"), "no fields");
    EXPECT_EQ(format("{{}}"), "{}");
    EXPECT_EQ(format("{{{}}}", 7), "{7}");
    EXPECT_EQ(format("a }} b {{ c"), "a } b { c");
    EXPECT_EQ(format("lone } brace"), "lone } brace");
}

TEST(KstdFormat, ArgumentsInOrder)
{
    EXPECT_EQ(format("{} + {} = {}", 1, 2, "three"), "1 + 2 = three");
    EXPECT_EQ(format("{}{}", 'a', true), "atrue");
    EXPECT_EQ(format("{:}", 3), "3");
    EXPECT_EQ(format("extra ignored: {}", 1, 2, 3), "extra ignored: 1");
}

TEST(KstdFormat, IntegerEdges)
{
    constexpr int64_t int64_min = std::numeric_limits<int64_t>::min();
    constexpr uint64_t uint64_max = std::numeric_limits<uint64_t>::max();
    EXPECT_EQ(format("{}", int64_min), "-9223372036854775808");
    EXPECT_EQ(format("{:x}", int64_min), "-8000000000000000");
    EXPECT_EQ(format("{:b}", int64_min), "-1" + std::string(63, '0'));
    EXPECT_EQ(format("{}", std::numeric_limits<int64_t>::max()), "9223372036854775807");
    EXPECT_EQ(format("{}", uint64_max), "18446744073709551615");
    EXPECT_EQ(format("{:#X}", uint64_max), "0XFFFFFFFFFFFFFFFF");
    EXPECT_EQ(format("{:o}", uint64_max), "1777777777777777777777");
    EXPECT_EQ(format("{:b}", uint64_max), std::string(64, '1'));
    EXPECT_EQ(format("{:+}", 0), "+0");
    EXPECT_EQ(format("{:#o}", 0), "0");
    EXPECT_EQ(format("{:#x}", 0), "0x0");
}

TEST(KstdFormat, FlagsAndWidth)
{
    EXPECT_EQ(format("{:+#010x}", 255), "+0x00000ff");
    EXPECT_EQ(format("{:#010b}", 5), "0b00000101");
    EXPECT_EQ(format("{:05}", -42), "-0042");
    EXPECT_EQ(format("{: }", 42), " 42");
    EXPECT_EQ(format("{:*^7}", 42), "**42***");
    EXPECT_EQ(format("{:<4}|", 1), "1   |");
    EXPECT_EQ(format("{:>6}", "ab"), "    ab");
    EXPECT_EQ(format("{:6}|", "ab"), "ab    |");
    EXPECT_EQ(format("{:3}", "longer"), "longer");
    EXPECT_EQ(format("{:.3}", "truncated"), "tru");
    EXPECT_EQ(format("{:>6.2}", "truncated"), "    tr");
    EXPECT_EQ(format("{:.0}", "gone"), "");
    EXPECT_EQ(format("{:4096}", 1), std::string(4095, ' ') + "1");
}

TEST(KstdFormat, CharsBoolsAndC)
{
    EXPECT_EQ(format("{:c}", 65), "A");
    EXPECT_EQ(format("{:>3c}", 'x'), "  x");
    EXPECT_EQ(format("{:d}", 'A'), "65");
    EXPECT_EQ(format("{:#x}", 'A'), "0x41");
    EXPECT_EQ(format("{:5}|", false), "false|");
    EXPECT_EQ(format("{:d}{:x}", true, false), "10");
}

TEST(KstdFormat, Pointers)
{
    EXPECT_EQ(format("{}", nullptr), "0x0");
    EXPECT_EQ(format("{:p}", static_cast<const void*>(nullptr)), "0x0");
    EXPECT_EQ(format("{}", reinterpret_cast<int*>(0xdeadbeef)), "0xdeadbeef");
    EXPECT_EQ(format("{:>12}", reinterpret_cast<void*>(0xabc)), "       0xabc");
    const char* null_string = nullptr;
    EXPECT_EQ(format("[{}]", null_string), "[]");
}

enum class Colour : uint8_t { Red = 3 };

TEST(KstdFormat, EnumsAsTheirUnderlyingValue)
{
    EXPECT_EQ(format("{}", Colour::Red), "3");
}

// Where kstd means something fmt 9 does not (see kstd_format_differential_test.cpp).
TEST(KstdFormat, DeliberateDifferencesFromFmt9)
{
    EXPECT_EQ(format("{:*<05}", 42), "42***");                       // fmt 9: "42000"
    EXPECT_EQ(format("{:x}", static_cast<char>(-1)), "ff");           // fmt 9: "-1"
    EXPECT_EQ(format("{:+}", 5u), "+5");                              // fmt 9: error
    EXPECT_EQ(format("{:018}", reinterpret_cast<void*>(0x1234)), "0x0000000000001234"); // error
    EXPECT_EQ(format("{:c}", 300), "{?}");                            // fmt 9: ","
    EXPECT_EQ(format("{:+c}", 65), "{?}");                            // fmt 9: "A"
    EXPECT_EQ(format("{:#}", true), "{?}");                           // fmt 9: "true"
}

TEST(KstdFormat, MissingArgumentsPrintAMarker)
{
    EXPECT_EQ(format("{}"), "{?}");
    EXPECT_EQ(format("{} and {}", 1), "1 and {?}");
    EXPECT_EQ(format("{:x} {:x} {}", 10), "a {?} {?}");
}

TEST(KstdFormat, SpecsThatDoNotParse)
{
    EXPECT_EQ(format("{0}", 1), "{?}");
    EXPECT_EQ(format("{name}", 1), "{?}");
    EXPECT_EQ(format("{:q}", 1), "{?}");
    EXPECT_EQ(format("{:xx}", 1), "{?}");
    EXPECT_EQ(format("{:5<<}", 1), "{?}");
    EXPECT_EQ(format("{:.}", "s"), "{?}");
    EXPECT_EQ(format("{:4097}", 1), "{?}");
    EXPECT_EQ(format("{:99999999999999999999999}", 1), "{?}");
    EXPECT_EQ(format("{:{}}", 1, 2), "{?}}"); // no nested fields; the "}" left over is text
}

TEST(KstdFormat, SpecsThatDoNotFitTheArgument)
{
    EXPECT_EQ(format("{:s}", 1), "{?}");
    EXPECT_EQ(format("{:p}", 1), "{?}");
    EXPECT_EQ(format("{:.2}", 1), "{?}");
    EXPECT_EQ(format("{:c}", -1), "{?}");
    EXPECT_EQ(format("{:+}", "text"), "{?}");
    EXPECT_EQ(format("{:#s}", "text"), "{?}");
    EXPECT_EQ(format("{:05}", "text"), "{?}");
    EXPECT_EQ(format("{:x}", "text"), "{?}");
    EXPECT_EQ(format("{:s}", 'c'), "{?}");
    EXPECT_EQ(format("{:+}", 'c'), "{?}");
    EXPECT_EQ(format("{:c}", true), "{?}");
    EXPECT_EQ(format("{:+}", true), "{?}");
    EXPECT_EQ(format("{:x}", nullptr), "{?}");
    EXPECT_EQ(format("{:#}", nullptr), "{?}");
    EXPECT_EQ(format("{:+}", nullptr), "{?}");
    // A bad field still uses up its argument; formatting goes on.
    EXPECT_EQ(format("{:s} {}", 1, 2), "{?} 2");
}

TEST(KstdFormat, UnterminatedField)
{
    EXPECT_EQ(format("{", 1), "{?}");
    EXPECT_EQ(format("value {:x", 1), "value {?}");
    EXPECT_EQ(format("{} then {", 1, 2), "1 then {?}");
}

TEST(KstdBufferWriter, TruncatesAndStaysTerminated)
{
    char buffer[8];
    __builtin_memset(buffer, 'z', sizeof(buffer));
    kstd::BufferWriter writer(buffer, sizeof(buffer));
    EXPECT_EQ(buffer[0], '\0');
    kstd::format_to(writer, "{}", "abc");
    EXPECT_FALSE(writer.truncated());
    EXPECT_STREQ(buffer, "abc");
    kstd::format_to(writer, "{:08}", 12345);
    EXPECT_TRUE(writer.truncated());
    EXPECT_STREQ(buffer, "abc0001");
    EXPECT_EQ(writer.view(), kstd::StringView("abc0001"));
    writer.write("more");
    EXPECT_STREQ(buffer, "abc0001");
}

TEST(KstdBufferWriter, CapacityOneHoldsOnlyTheTerminator)
{
    char buffer[1] = { 'z' };
    kstd::StringView text = kstd::format_into(buffer, sizeof(buffer), "{}", 1);
    EXPECT_TRUE(text.empty());
    EXPECT_EQ(buffer[0], '\0');
}

TEST(KstdBufferWriterDeathTest, NeedsRoomForTheTerminator)
{
    char buffer[1];
    EXPECT_VERIFY_FAILS(kstd::BufferWriter(buffer, 0));
    EXPECT_VERIFY_FAILS(kstd::BufferWriter(nullptr, 1));
}

TEST(KstdFixedString, IsAWriterThatKeepsItsText)
{
    kstd::FixedString<8> label;
    EXPECT_EQ(label.capacity(), 8u);
    kstd::format_to(label, "tty{}", 3);
    EXPECT_EQ(label.view(), kstd::StringView("tty3"));
    EXPECT_STREQ(label.c_str(), "tty3");
    kstd::FixedString<8> copy = label;
    kstd::format_to(label, "{}", "-overflow");
    EXPECT_TRUE(label.truncated());
    EXPECT_EQ(label.length(), 8u);
    EXPECT_STREQ(label.c_str(), "tty3-ove");
    EXPECT_STREQ(copy.c_str(), "tty3");
    label.clear();
    EXPECT_FALSE(label.truncated());
    EXPECT_STREQ(label.c_str(), "");
}

} // namespace
