// kstd::parse_unsigned (see parse_number.hpp).
#include <kstd/parse_number.hpp>

namespace kstd {

Optional<uint64_t> parse_unsigned(StringView text, uint64_t max)
{
    if (text.empty())
        return {};
    uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return {};
        uint64_t digit = uint64_t(c - '0');
        if (value > (max - digit) / 10)
            return {};
        value = value * 10 + digit;
    }
    return value;
}

} // namespace kstd
