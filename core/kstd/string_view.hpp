// kstd::StringView: a non-owning (pointer, length) view of characters.
//
// The kernel's replacement for std::string_view, which is not freestanding and throws.
// substring() and find() clamp out-of-range positions instead of trapping; operator[] is
// unchecked, like a plain array.
#pragma once
#include <stddef.h>

namespace kstd {

class StringView {
public:
    static constexpr size_t npos = static_cast<size_t>(-1);

    constexpr StringView() = default;
    constexpr StringView(const char* chars, size_t length) : m_chars(chars), m_length(length) {}
    constexpr StringView(const char* c_string)
        : m_chars(c_string), m_length(c_string ? __builtin_strlen(c_string) : 0) {}

    constexpr const char* data() const { return m_chars; }
    constexpr size_t size() const { return m_length; }
    constexpr bool empty() const { return m_length == 0; }
    constexpr char operator[](size_t index) const { return m_chars[index]; }
    constexpr const char* begin() const { return m_chars; }
    constexpr const char* end() const { return m_chars + m_length; }

    constexpr StringView substring(size_t start, size_t length = npos) const
    {
        if (start > m_length)
            start = m_length;
        if (length > m_length - start)
            length = m_length - start;
        return { m_chars + start, length };
    }

    constexpr size_t find(char wanted, size_t from = 0) const
    {
        for (size_t i = from; i < m_length; ++i) {
            if (m_chars[i] == wanted)
                return i;
        }
        return npos;
    }

    constexpr size_t find(StringView needle, size_t from = 0) const
    {
        for (size_t i = from; i + needle.m_length <= m_length; ++i) {
            if (substring(i, needle.m_length) == needle)
                return i;
        }
        return npos;
    }

    constexpr bool contains(StringView needle) const { return find(needle) != npos; }

    constexpr bool starts_with(StringView prefix) const
    {
        return prefix.m_length <= m_length && substring(0, prefix.m_length) == prefix;
    }

    constexpr bool ends_with(StringView suffix) const
    {
        return suffix.m_length <= m_length && substring(m_length - suffix.m_length) == suffix;
    }

    constexpr bool operator==(const StringView& other) const
    {
        if (m_length != other.m_length)
            return false;
        for (size_t i = 0; i < m_length; ++i) {
            if (m_chars[i] != other.m_chars[i])
                return false;
        }
        return true;
    }

private:
    const char* m_chars = "";
    size_t m_length = 0;
};

} // namespace kstd
