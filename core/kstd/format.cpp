// kstd::vformat and BufferWriter: the engine behind format_to() (see format.hpp).
//
// vformat copies literal text and "{{" / "}}" escapes to the writer. Each replacement field
// takes the next argument: its spec is parsed into a FormatSpec, checked against the
// argument, and the argument is turned into text and padded to the requested width. A
// field that cannot be honoured prints "{?}" and formatting carries on.
#include <kstd/format_spec.hpp>
#include <kstd/verify.hpp>

namespace kstd {

namespace {

constexpr StringView invalid_field_marker = "{?}";

void write_repeated(Writer& out, char c, size_t count)
{
    char chunk[32];
    __builtin_memset(chunk, c, sizeof(chunk));
    while (count > 0) {
        size_t length = count < sizeof(chunk) ? count : sizeof(chunk);
        out.write({ chunk, length });
        count -= length;
    }
}

void write_padded(Writer& out, StringView text, const FormatSpec& spec, FormatAlign default_align)
{
    size_t padding = spec.width > text.size() ? spec.width - text.size() : 0;
    FormatAlign align = spec.align == FormatAlign::Default ? default_align : spec.align;
    size_t before = 0;
    if (align == FormatAlign::Right)
        before = padding;
    else if (align == FormatAlign::Centre)
        before = padding / 2;
    write_repeated(out, spec.fill, before);
    out.write(text);
    write_repeated(out, spec.fill, padding - before);
}

unsigned base_of(char type)
{
    switch (type) {
    case 'x': case 'X': return 16;
    case 'b': case 'B': return 2;
    case 'o': return 8;
    default: return 10;
    }
}

// Writes the digits of `value` so that they end at `end`; returns where they start.
char* write_digits(uint64_t value, unsigned base, bool uppercase, char* end)
{
    const char* digit_chars = uppercase ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        *--end = digit_chars[value % base];
        value /= base;
    } while (value != 0);
    return end;
}

StringView sign_text(bool negative, FormatSign sign)
{
    if (negative)
        return "-";
    return sign == FormatSign::Plus ? "+" : sign == FormatSign::Space ? " " : "";
}

StringView prefix_text(char type, uint64_t magnitude)
{
    switch (type) {
    case 'x': return "0x";
    case 'X': return "0X";
    case 'b': return "0b";
    case 'B': return "0B";
    case 'o': return magnitude == 0 ? "" : "0";
    default: return "";
    }
}

void write_integer(Writer& out, uint64_t magnitude, bool negative, const FormatSpec& spec)
{
    StringView sign = sign_text(negative, spec.sign);
    StringView prefix = spec.alternate ? prefix_text(spec.type, magnitude) : "";
    char text[1 + 2 + 64]; // sign, prefix, 64 binary digits
    char* end = text + sizeof(text);
    bool uppercase = spec.type == 'X' || spec.type == 'B';
    char* start = write_digits(magnitude, base_of(spec.type), uppercase, end);
    start -= prefix.size();
    __builtin_memcpy(start, prefix.data(), prefix.size());
    start -= sign.size();
    __builtin_memcpy(start, sign.data(), sign.size());
    StringView whole(start, static_cast<size_t>(end - start));

    if (spec.zero_pad && spec.align == FormatAlign::Default) {
        size_t head = sign.size() + prefix.size();
        out.write(whole.substring(0, head));
        write_repeated(out, '0', spec.width > whole.size() ? spec.width - whole.size() : 0);
        out.write(whole.substring(head));
    } else {
        write_padded(out, whole, spec, FormatAlign::Right);
    }
}

void write_signed(Writer& out, int64_t value, const FormatSpec& spec)
{
    // Negating in unsigned arithmetic keeps INT64_MIN well defined.
    uint64_t magnitude = static_cast<uint64_t>(value);
    if (value < 0)
        magnitude = 0 - magnitude;
    write_integer(out, magnitude, value < 0, spec);
}

void write_pointer(Writer& out, const void* pointer, FormatSpec spec)
{
    spec.type = 'x';
    spec.alternate = true;
    write_integer(out, reinterpret_cast<uintptr_t>(pointer), false, spec);
}

void write_char(Writer& out, char c, const FormatSpec& spec)
{
    write_padded(out, { &c, 1 }, spec, FormatAlign::Left);
}

void write_argument(Writer& out, const FormatArg& arg, const FormatSpec& spec)
{
    switch (arg.kind) {
    case FormatArg::Kind::Signed:
        if (spec.type == 'c')
            return write_char(out, static_cast<char>(arg.signed_value), spec);
        return write_signed(out, arg.signed_value, spec);
    case FormatArg::Kind::Unsigned:
        if (spec.type == 'c')
            return write_char(out, static_cast<char>(arg.unsigned_value), spec);
        return write_integer(out, arg.unsigned_value, false, spec);
    case FormatArg::Kind::Char:
        if (spec.type == '\0' || spec.type == 'c')
            return write_char(out, arg.char_value, spec);
        return write_integer(out, static_cast<unsigned char>(arg.char_value), false, spec);
    case FormatArg::Kind::Bool:
        if (spec.type == '\0' || spec.type == 's')
            return write_padded(out, arg.bool_value ? "true" : "false", spec, FormatAlign::Left);
        return write_integer(out, arg.bool_value ? 1 : 0, false, spec);
    case FormatArg::Kind::String: {
        StringView text(arg.string_value.chars, arg.string_value.length);
        if (spec.has_precision)
            text = text.substring(0, spec.precision);
        return write_padded(out, text, spec, FormatAlign::Left);
    }
    case FormatArg::Kind::Pointer:
        return write_pointer(out, arg.pointer_value, spec);
    }
}

// `field` is the text between the braces: empty or ":spec".
void write_field(Writer& out, StringView field, const FormatArg* arg)
{
    FormatSpec spec;
    bool parsed = field.empty() || (field[0] == ':' && parse_format_spec(field.substring(1), spec));
    if (arg != nullptr && parsed && format_spec_fits(spec, *arg))
        write_argument(out, *arg, spec);
    else
        out.write(invalid_field_marker);
}

size_t find_brace(StringView text, size_t from)
{
    for (size_t i = from; i < text.size(); ++i) {
        if (text[i] == '{' || text[i] == '}')
            return i;
    }
    return text.size();
}

} // namespace

void vformat(Writer& out, StringView format, Span<const FormatArg> args)
{
    size_t next_arg = 0;
    size_t position = 0;
    while (position < format.size()) {
        size_t brace = find_brace(format, position);
        if (brace > position)
            out.write(format.substring(position, brace - position));
        if (brace == format.size())
            return;
        bool doubled = brace + 1 < format.size() && format[brace + 1] == format[brace];
        if (format[brace] == '}' || doubled) {
            out.write(format.substring(brace, 1));
            position = brace + (doubled ? 2 : 1);
            continue;
        }
        size_t close = format.find('}', brace + 1);
        if (close == StringView::npos) {
            out.write(invalid_field_marker);
            return;
        }
        const FormatArg* arg = next_arg < args.size() ? &args[next_arg] : nullptr;
        ++next_arg;
        write_field(out, format.substring(brace + 1, close - brace - 1), arg);
        position = close + 1;
    }
}

BufferWriter::BufferWriter(char* buffer, size_t capacity) : m_buffer(buffer), m_capacity(capacity)
{
    VERIFY(buffer != nullptr && capacity > 0);
    m_buffer[0] = '\0';
}

size_t append_truncated(char* buffer, size_t capacity, size_t& length, StringView text)
{
    size_t room = capacity - 1 - length;
    size_t kept = text.size() < room ? text.size() : room;
    if (kept > 0)
        __builtin_memcpy(buffer + length, text.data(), kept);
    length += kept;
    buffer[length] = '\0';
    return kept;
}

void BufferWriter::write(StringView text)
{
    m_dropped += text.size() - append_truncated(m_buffer, m_capacity, m_length, text);
}

} // namespace kstd
