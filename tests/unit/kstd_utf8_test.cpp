// kstd UTF-8: the decoder (whole, split and broken sequences), the encoder and the
// character walk the line editor uses.
#include <gtest/gtest.h>
#include <kstd/utf8.hpp>
#include <string>

namespace {
constexpr char32_t BAD = kstd::REPLACEMENT_CHARACTER;

std::u32string decode(const std::string& bytes)
{
    kstd::Utf8Decoder decoder;
    std::u32string decoded;
    for (char byte : bytes) {
        char32_t out[2];
        unsigned count = decoder.feed(static_cast<uint8_t>(byte), out);
        decoded.append(out, count);
    }
    if (decoder.in_sequence())
        decoded += U'…'; // marks a sequence still open at the end
    return decoded;
}

std::string encode(char32_t code_point)
{
    char bytes[kstd::MAX_UTF8_BYTES];
    return std::string(bytes, kstd::utf8_encode(code_point, bytes));
}
} // namespace

TEST(Utf8, DecodesOneToFourByteCharacters)
{
    EXPECT_EQ(decode("a\xC3\xA9t\xC3\xA9"), U"aété");
    EXPECT_EQ(decode("\xE2\x95\x90\xE2\x82\xAC"), U"═€");
    EXPECT_EQ(decode("\xF0\x9F\x98\x80"), U"\U0001F600");
    EXPECT_EQ(decode("\xF4\x8F\xBF\xBF"), U"\U0010FFFF");
}

TEST(Utf8, ACharacterMayArriveInPieces)
{
    kstd::Utf8Decoder decoder;
    char32_t out[2];
    EXPECT_EQ(decoder.feed(0xE2, out), 0u);
    EXPECT_TRUE(decoder.in_sequence());
    EXPECT_EQ(decoder.feed(0x82, out), 0u);
    ASSERT_EQ(decoder.feed(0xAC, out), 1u);
    EXPECT_EQ(out[0], U'€');
    EXPECT_FALSE(decoder.in_sequence());
}

TEST(Utf8, WhatIsNotUtf8BecomesOneReplacementPerBadSequence)
{
    EXPECT_EQ(decode("\x80x"), std::u32string({ BAD, U'x' }));           // stray continuation
    EXPECT_EQ(decode("\xC3x"), std::u32string({ BAD, U'x' }));           // cut short by ASCII
    EXPECT_EQ(decode("\xE2\x82\xC3\xA9"), std::u32string({ BAD, U'é' })); // cut short by a start
    EXPECT_EQ(decode("\xC0\xAF"), std::u32string({ BAD }));              // overlong '/'
    EXPECT_EQ(decode("\xE0\x80\xAF"), std::u32string({ BAD }));          // overlong, 3 bytes
    EXPECT_EQ(decode("\xED\xA0\x80"), std::u32string({ BAD }));          // a surrogate
    EXPECT_EQ(decode("\xF4\x90\x80\x80"), std::u32string({ BAD }));      // past U+10FFFF
    EXPECT_EQ(decode("\xFF\xFE"), std::u32string({ BAD, BAD }));
    EXPECT_EQ(decode("\xC3"), U"…");
}

TEST(Utf8, EncodesAndRefusesWhatIsNoCharacter)
{
    EXPECT_EQ(encode(U'a'), "a");
    EXPECT_EQ(encode(U'é'), "\xC3\xA9");
    EXPECT_EQ(encode(U'€'), "\xE2\x82\xAC");
    EXPECT_EQ(encode(U'\U0001F600'), "\xF0\x9F\x98\x80");
    EXPECT_EQ(encode(0xD800), "\xEF\xBF\xBD");
    EXPECT_EQ(encode(0x110000), "\xEF\xBF\xBD");
    for (char32_t code_point : { 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFFu, 0x10000u, 0x10FFFFu })
        EXPECT_EQ(decode(encode(code_point)), std::u32string(1, code_point));
}

TEST(Utf8, WalksTextByCharacter)
{
    kstd::StringView text = "a\xC3\xA9\xE2\x82\xAC" "b"; // a é € b
    EXPECT_EQ(kstd::utf8_length(text), 4u);
    EXPECT_EQ(kstd::utf8_next(text, 0), 1u);
    EXPECT_EQ(kstd::utf8_next(text, 1), 3u);
    EXPECT_EQ(kstd::utf8_next(text, 3), 6u);
    EXPECT_EQ(kstd::utf8_next(text, 7), 7u);
    EXPECT_EQ(kstd::utf8_previous(text, 7), 6u);
    EXPECT_EQ(kstd::utf8_previous(text, 6), 3u);
    EXPECT_EQ(kstd::utf8_previous(text, 3), 1u);
    EXPECT_EQ(kstd::utf8_previous(text, 0), 0u);
    EXPECT_EQ(kstd::utf8_advance(text, 0, 2), 3u);
    EXPECT_EQ(kstd::utf8_advance(text, 1, 9), 7u);
}
