// kstd::FormatSpec: the part of a replacement field after the colon, parsed and checked.
//
// Internal to the formatter (format.cpp); see format.hpp for the syntax and its meaning.
#pragma once
#include <kstd/format.hpp>

namespace kstd {

enum class FormatAlign { Default, Left, Right, Centre };
enum class FormatSign { None, Minus, Plus, Space };

struct FormatSpec {
    char fill = ' ';
    FormatAlign align = FormatAlign::Default;
    FormatSign sign = FormatSign::None;
    bool alternate = false;
    bool zero_pad = false;
    size_t width = 0;
    bool has_precision = false;
    size_t precision = 0;
    char type = '\0';
};

// Parses "[[fill]align][sign][#][0][width][.precision][type]"; false if `text` is not one.
bool parse_format_spec(StringView text, FormatSpec& spec);
// Whether `spec` has a meaning for `arg` (e.g. no '#' on a string, 'c' only for 0..255).
bool format_spec_fits(const FormatSpec& spec, const FormatArg& arg);

} // namespace kstd
