// kstd::parse_unsigned: a decimal number typed by a user, or nothing.
//
//     if (auto id = kstd::parse_unsigned(arguments[1])) kill(id.value());
//
// Accepts only digits (no sign, no blanks, no "0x"), and refuses values above `max`, so
// "12abc", "" and "99999999999999999999" are all rejected rather than half read.
#pragma once
#include <kstd/optional.hpp>
#include <kstd/string_view.hpp>
#include <stdint.h>

namespace kstd {

Optional<uint64_t> parse_unsigned(StringView text, uint64_t max = UINT64_MAX);

} // namespace kstd
