// Differential test of kstd::format against fmt::format (fmt 9, the trusted peer).
//
// A fixed-seed generator builds thousands of (spec, value) cases over every argument kind:
// edge and random values, fill characters, each alignment, sign, '#', '0', widths 0..30,
// precisions and every presentation type. Each spec string is given to both formatters and
// the outputs must match exactly.
//
// Only specs that fmt accepts and that kstd documents are generated. Deliberate
// differences, which are therefore never generated (kstd_format_test.cpp covers them):
//   - '0' together with an alignment: kstd follows std::format and ignores the '0'; fmt 9
//     pads with '0' in the alignment's place ("{:*<05}" of 42: kstd "42***", fmt "42000").
//   - A char as an integer ("{:d}", "{:x}"): kstd reads it as unsigned char (P2909, as in
//     fmt 10 and C++26), fmt 9 as signed; so only chars 0..127 are compared.
//   - 'c' on an integer outside 0..255 is "{?}" in kstd; fmt 9 truncates to a char.
//   - fmt 9 accepts and ignores some flags kstd calls a mismatch ("{?}"): '+' or '#' with
//     'c', '#' or '0' on a bool printed as text. fmt 9 rejects a sign on unsigned values,
//     which kstd prints like std::format ("+5"), and '0' on pointers, which kstd puts after
//     the 0x (as P2510 / C++26 do).
//   - Width counts bytes in kstd, display columns in fmt: only ASCII text is compared.
#include <gtest/gtest.h>

#include <kstd/format.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

// splitmix64: small, fast and the same on every host.
class Random {
public:
    explicit Random(uint64_t seed) : m_state(seed) {}
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }
    size_t below(size_t bound) { return static_cast<size_t>(next() % bound); }
    bool chance(size_t one_in) { return below(one_in) == 0; }
    template<typename T>
    T pick(std::initializer_list<T> choices)
    {
        return choices.begin()[below(choices.size())];
    }

private:
    uint64_t m_state;
};

// The pieces of one spec, and which of them the argument kind allows.
struct SpecShape {
    bool sign = false;
    bool alternate = false;
    bool zero = false;
    bool precision = false;
    std::vector<char> types; // '\0' is the default presentation
};

std::string random_spec(Random& random, const SpecShape& shape, char type)
{
    std::string spec = "{:";
    bool aligned = random.chance(2);
    if (aligned) {
        if (random.chance(2))
            spec += random.pick({ ' ', '*', '0', '-', '+', '#', 'x', '<', '^', '.', '_', ':' });
        spec += random.pick({ '<', '>', '^' });
    }
    if (shape.sign && random.chance(2))
        spec += random.pick({ '+', '-', ' ' });
    if (shape.alternate && random.chance(2))
        spec += '#';
    bool zero = shape.zero && !aligned && random.chance(3);
    if (zero)
        spec += '0';
    // A lone width "0" would read as the '0' flag.
    size_t width = random.below(31);
    if (!random.chance(4) && (width > 0 || zero))
        spec += std::to_string(width);
    if (shape.precision && random.chance(2))
        spec += "." + std::to_string(random.below(12));
    if (type != '\0')
        spec += type;
    return spec + "}";
}

// A value of T from edge cases (0, +-1, min, max, powers of two +- 1) and random bits.
template<typename T>
T random_value(Random& random)
{
    using Limits = std::numeric_limits<T>;
    uint64_t power = uint64_t(1) << random.below(64);
    switch (random.below(6)) {
    case 0: return random.pick<T>({ T(0), T(1), T(-1), Limits::min(), Limits::max() });
    case 1: return static_cast<T>(power);
    case 2: return static_cast<T>(power - 1);
    case 3: return static_cast<T>(power + 1);
    case 4: return static_cast<T>(0 - power);
    default: return static_cast<T>(random.next());
    }
}

std::string kstd_format(std::string_view spec, const kstd::FormatArg& arg)
{
    char buffer[256];
    kstd::BufferWriter writer(buffer, sizeof(buffer));
    kstd::vformat(writer, kstd::StringView(spec.data(), spec.size()),
                  kstd::Span<const kstd::FormatArg>(&arg, 1));
    EXPECT_FALSE(writer.truncated()) << spec;
    return std::string(writer.view().data(), writer.view().size());
}

class Comparison {
public:
    template<typename KstdValue, typename FmtValue>
    void check(const std::string& spec, const KstdValue& kstd_value, const FmtValue& fmt_value)
    {
        ++m_cases;
        std::string expected = fmt::format(fmt::runtime(spec), fmt_value);
        std::string actual = kstd_format(spec, kstd::make_format_arg(kstd_value));
        if (actual != expected && ++m_mismatches <= 20)
            ADD_FAILURE() << "spec " << spec << " value " << fmt::format("{}", fmt_value)
                          << ": kstd [" << actual << "] fmt [" << expected << "]";
    }
    ~Comparison()
    {
        EXPECT_EQ(m_mismatches, 0u) << "of " << m_cases << " cases";
        EXPECT_GE(m_cases, 1000u);
    }

private:
    size_t m_cases = 0;
    size_t m_mismatches = 0;
};

constexpr int cases_per_kind = 3000;
const std::vector<char> integer_types = { '\0', 'd', 'x', 'X', 'b', 'B', 'o' };

template<typename T>
void compare_integers(uint64_t seed)
{
    Random random(seed);
    Comparison comparison;
    // fmt 9 takes a sign only on signed types (see the top of the file).
    SpecShape numeric { std::is_signed_v<T>, true, true, false, integer_types };
    for (int i = 0; i < cases_per_kind; ++i) {
        T value = random_value<T>(random);
        char type = numeric.types[random.below(numeric.types.size())];
        comparison.check(random_spec(random, numeric, type), value, value);
        // 'c': a printable character, with only fill, alignment and width.
        T printable = static_cast<T>(' ' + random.below(95));
        comparison.check(random_spec(random, SpecShape {}, 'c'), printable, printable);
    }
}

TEST(KstdFormatDifferential, Int8) { compare_integers<int8_t>(1); }
TEST(KstdFormatDifferential, Int16) { compare_integers<int16_t>(2); }
TEST(KstdFormatDifferential, Int32) { compare_integers<int32_t>(3); }
TEST(KstdFormatDifferential, Int64) { compare_integers<int64_t>(4); }
TEST(KstdFormatDifferential, Uint8) { compare_integers<uint8_t>(5); }
TEST(KstdFormatDifferential, Uint16) { compare_integers<uint16_t>(6); }
TEST(KstdFormatDifferential, Uint32) { compare_integers<uint32_t>(7); }
TEST(KstdFormatDifferential, Uint64) { compare_integers<uint64_t>(8); }

TEST(KstdFormatDifferential, Bool)
{
    Random random(9);
    Comparison comparison;
    SpecShape as_number { false, true, true, false, integer_types };
    for (int i = 0; i < cases_per_kind; ++i) {
        bool value = random.chance(2);
        char text_type = random.pick({ '\0', 's' });
        comparison.check(random_spec(random, SpecShape {}, text_type), value, value);
        char number_type = random.pick({ 'd', 'x', 'X', 'b', 'B', 'o' });
        comparison.check(random_spec(random, as_number, number_type), value, value);
    }
}

TEST(KstdFormatDifferential, Char)
{
    Random random(10);
    Comparison comparison;
    SpecShape as_number { true, true, true, false, integer_types };
    for (int i = 0; i < cases_per_kind; ++i) {
        char printable = static_cast<char>(' ' + random.below(95));
        comparison.check(random_spec(random, SpecShape {}, random.pick({ '\0', 'c' })), printable,
                         printable);
        char ascii = static_cast<char>(random.below(128));
        char type = random.pick({ 'd', 'x', 'X', 'b', 'B', 'o' });
        comparison.check(random_spec(random, as_number, type), ascii, ascii);
    }
}

std::string random_text(Random& random)
{
    std::string text;
    size_t length = random.chance(5) ? 0 : random.below(24);
    for (size_t i = 0; i < length; ++i)
        text += static_cast<char>(' ' + random.below(95));
    return text;
}

TEST(KstdFormatDifferential, Strings)
{
    Random random(11);
    Comparison comparison;
    SpecShape text_shape { false, false, false, true, { '\0', 's' } };
    for (int i = 0; i < cases_per_kind; ++i) {
        std::string text = random_text(random);
        char type = random.pick({ '\0', 's' });
        comparison.check(random_spec(random, text_shape, type), text.c_str(), text.c_str());
        kstd::StringView view(text.data(), text.size());
        comparison.check(random_spec(random, text_shape, type), view, std::string_view(text));
    }
}

TEST(KstdFormatDifferential, Pointers)
{
    Random random(12);
    Comparison comparison;
    for (int i = 0; i < cases_per_kind; ++i) {
        auto bits = static_cast<uintptr_t>(random_value<uint64_t>(random));
        const void* pointer = reinterpret_cast<const void*>(bits);
        char type = random.pick({ '\0', 'p' });
        comparison.check(random_spec(random, SpecShape {}, type), pointer, pointer);
        auto* typed = reinterpret_cast<int*>(bits);
        comparison.check(random_spec(random, SpecShape {}, type), typed, fmt::ptr(typed));
    }
    comparison.check("{}", nullptr, nullptr);
}

} // namespace
