// kstd::format: a {}-style formatter for the kernel (a subset of std::format / fmt).
//
//     format_to(writer, "{} frames at {:#x}, {:>8} free", count, address, name);
//
// Replacement fields: {} or {:spec}, with spec = [[fill]align][sign][#][0][width][.N][type]
//   align  < left, > right, ^ centre      sign  + - or space
//   #      0x / 0b / 0 prefix             0     pad with zeros after the sign/prefix
//   .N     strings only: at most N chars  width and N are at most 4096
//   type   integers: d x X b B o c (c: 0..255); bool: s (default "true"/"false") or d x X b B o;
//          char: c (default) or d x X b B o; strings: s; pointers: p (always 0x...)
// Numbers are right-aligned by default, text left. Sign and # are for numbers only, 0 for
// numbers and pointers. Width counts bytes.
// "{{" and "}}" are literal braces (a lone "}" prints as is). Arguments are taken in order;
// a field without an argument or with a spec that does not fit the argument prints "{?}"
// in its place and formatting goes on (the kernel never stops over a bad format string).
#pragma once
#include <kstd/span.hpp>
#include <kstd/string_view.hpp>
#include <stddef.h>
#include <stdint.h>
#include <type_traits>

namespace kstd {

// Where formatted text goes: the console, the serial line, a fixed buffer, ...
class Writer {
public:
    virtual void write(StringView text) = 0;
    // Whether writing has failed for good (a file on a full file system), so that whoever
    // writes without end (a copy of /dev/zero) can stop. Most writers never fail.
    virtual bool failed() const { return false; }

protected:
    ~Writer() = default;
};

// One type-erased argument.
struct FormatArg {
    enum class Kind { Signed, Unsigned, Bool, Char, String, Pointer };
    Kind kind;
    union {
        int64_t signed_value;
        uint64_t unsigned_value;
        bool bool_value;
        char char_value;
        struct {
            const char* chars;
            size_t length;
        } string_value;
        const void* pointer_value;
    };
};

template<typename T>
constexpr FormatArg make_format_arg(const T& value)
{
    FormatArg arg {};
    using Plain = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<Plain, bool>) {
        arg.kind = FormatArg::Kind::Bool;
        arg.bool_value = value;
    } else if constexpr (std::is_same_v<Plain, char>) {
        arg.kind = FormatArg::Kind::Char;
        arg.char_value = value;
    } else if constexpr (std::is_enum_v<Plain>) {
        return make_format_arg(static_cast<std::underlying_type_t<Plain>>(value));
    } else if constexpr (std::is_integral_v<Plain> && std::is_signed_v<Plain>) {
        arg.kind = FormatArg::Kind::Signed;
        arg.signed_value = value;
    } else if constexpr (std::is_integral_v<Plain>) {
        arg.kind = FormatArg::Kind::Unsigned;
        arg.unsigned_value = value;
    } else if constexpr (std::is_null_pointer_v<Plain>) {
        arg.kind = FormatArg::Kind::Pointer;
        arg.pointer_value = nullptr;
    } else if constexpr (std::is_convertible_v<const T&, StringView>) {
        StringView view = value;
        arg.kind = FormatArg::Kind::String;
        arg.string_value = { view.data(), view.size() };
    } else if constexpr (std::is_pointer_v<Plain>) {
        arg.kind = FormatArg::Kind::Pointer;
        arg.pointer_value = reinterpret_cast<const void*>(value);
    } else {
        static_assert(sizeof(T) == 0, "kstd::format cannot format this type");
    }
    return arg;
}

void vformat(Writer& out, StringView format, Span<const FormatArg> args);

template<typename... Args>
void format_to(Writer& out, StringView format, const Args&... args)
{
    if constexpr (sizeof...(Args) == 0) {
        vformat(out, format, {});
    } else {
        const FormatArg packed[] = { make_format_arg(args)... };
        vformat(out, format, Span<const FormatArg>(packed, sizeof...(Args)));
    }
}

// Appends as much of `text` as fits after buffer[0 .. length) while leaving room for a NUL
// in `capacity` bytes, keeps the buffer NUL-terminated, advances `length` and returns how
// many characters were kept. The one truncating append behind BufferWriter and FixedString.
size_t append_truncated(char* buffer, size_t capacity, size_t& length, StringView text);

// A Writer into a caller's buffer. Text past the end is dropped (and counted), and the
// contents are always NUL-terminated.
class BufferWriter final : public Writer {
public:
    BufferWriter(char* buffer, size_t capacity);
    void write(StringView text) override;
    StringView view() const { return { m_buffer, m_length }; }
    bool truncated() const { return m_dropped > 0; }

private:
    char* m_buffer;
    size_t m_capacity;
    size_t m_length = 0;
    size_t m_dropped = 0;
};

// Formats into `buffer` and returns the (possibly truncated) text.
template<typename... Args>
StringView format_into(char* buffer, size_t capacity, StringView format, const Args&... args)
{
    BufferWriter writer(buffer, capacity);
    format_to(writer, format, args...);
    return writer.view();
}

} // namespace kstd
