// Parsing and checking the spec of a replacement field (see format_spec.hpp).
#include <kstd/format_spec.hpp>

namespace kstd {

namespace {

// Bounds width and precision, so a typo cannot make the kernel print for minutes.
constexpr size_t max_width_or_precision = 4096;

FormatAlign align_from(char c)
{
    switch (c) {
    case '<': return FormatAlign::Left;
    case '>': return FormatAlign::Right;
    case '^': return FormatAlign::Centre;
    default: return FormatAlign::Default;
    }
}

bool consume(StringView& rest, char wanted)
{
    if (rest.empty() || rest[0] != wanted)
        return false;
    rest = rest.substring(1);
    return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads an optional decimal number; false if it is larger than max_width_or_precision.
bool parse_number(StringView& rest, size_t& number)
{
    while (!rest.empty() && is_digit(rest[0])) {
        number = number * 10 + static_cast<size_t>(rest[0] - '0');
        if (number > max_width_or_precision)
            return false;
        rest = rest.substring(1);
    }
    return true;
}

void parse_fill_and_align(StringView& rest, FormatSpec& spec)
{
    if (rest.size() >= 2 && align_from(rest[1]) != FormatAlign::Default) {
        spec.fill = rest[0];
        spec.align = align_from(rest[1]);
        rest = rest.substring(2);
    } else if (!rest.empty() && align_from(rest[0]) != FormatAlign::Default) {
        spec.align = align_from(rest[0]);
        rest = rest.substring(1);
    }
}

void parse_sign(StringView& rest, FormatSpec& spec)
{
    if (consume(rest, '+'))
        spec.sign = FormatSign::Plus;
    else if (consume(rest, '-'))
        spec.sign = FormatSign::Minus;
    else if (consume(rest, ' '))
        spec.sign = FormatSign::Space;
}

bool is_known_type(char type)
{
    return StringView("dxXbBocsp").find(type) != StringView::npos;
}

// The default presentation counts: an integer's default is decimal.
bool is_default_or_integer_type(char type)
{
    return type == '\0' || StringView("dxXbBo").find(type) != StringView::npos;
}

bool has_numeric_flags(const FormatSpec& spec)
{
    return spec.sign != FormatSign::None || spec.alternate || spec.zero_pad;
}

bool fits_in_byte(const FormatArg& arg)
{
    if (arg.kind == FormatArg::Kind::Signed)
        return arg.signed_value >= 0 && arg.signed_value <= 255;
    return arg.unsigned_value <= 255;
}

} // namespace

bool parse_format_spec(StringView rest, FormatSpec& spec)
{
    parse_fill_and_align(rest, spec);
    parse_sign(rest, spec);
    spec.alternate = consume(rest, '#');
    spec.zero_pad = consume(rest, '0');
    if (!parse_number(rest, spec.width))
        return false;
    if (consume(rest, '.')) {
        spec.has_precision = true;
        if (rest.empty() || !is_digit(rest[0]) || !parse_number(rest, spec.precision))
            return false;
    }
    if (!rest.empty() && is_known_type(rest[0])) {
        spec.type = rest[0];
        rest = rest.substring(1);
    }
    return rest.empty();
}

bool format_spec_fits(const FormatSpec& spec, const FormatArg& arg)
{
    if (spec.has_precision && arg.kind != FormatArg::Kind::String)
        return false;
    bool as_text = !has_numeric_flags(spec);
    switch (arg.kind) {
    case FormatArg::Kind::Signed:
    case FormatArg::Kind::Unsigned:
        if (spec.type == 'c')
            return as_text && fits_in_byte(arg);
        return is_default_or_integer_type(spec.type);
    case FormatArg::Kind::Char:
        if (spec.type == '\0' || spec.type == 'c')
            return as_text;
        return is_default_or_integer_type(spec.type);
    case FormatArg::Kind::Bool:
        if (spec.type == '\0' || spec.type == 's')
            return as_text;
        return is_default_or_integer_type(spec.type);
    case FormatArg::Kind::String:
        return (spec.type == '\0' || spec.type == 's') && as_text;
    case FormatArg::Kind::Pointer:
        if (spec.sign != FormatSign::None || spec.alternate)
            return false;
        return spec.type == '\0' || spec.type == 'p';
    }
    return false;
}

} // namespace kstd
