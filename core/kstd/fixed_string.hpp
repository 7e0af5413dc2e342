// kstd::FixedString<N>: up to N characters of text stored inline, built with format_to().
//
//     FixedString<32> label;
//     format_to(label, "tty{}", index);
//     draw(label.view());
//
// A Writer over its own NUL-terminated buffer, so formatted text can be kept, copied and
// passed around without the heap. Text past N characters is dropped and truncated() says so.
#pragma once
#include <kstd/format.hpp>

namespace kstd {

template<size_t N>
class FixedString final : public Writer {
public:
    FixedString() = default;
    // The first N characters of `text`.
    explicit FixedString(StringView text) { write(text); }

    void write(StringView text) override
    {
        size_t kept = append_truncated(m_chars, N + 1, m_length, text);
        m_truncated = m_truncated || kept < text.size();
    }

    StringView view() const { return { m_chars, m_length }; }
    const char* c_str() const { return m_chars; }
    size_t length() const { return m_length; }
    static constexpr size_t capacity() { return N; }
    bool truncated() const { return m_truncated; }

    void clear()
    {
        m_length = 0;
        m_chars[0] = '\0';
        m_truncated = false;
    }

private:
    char m_chars[N + 1] = {};
    size_t m_length = 0;
    bool m_truncated = false;
};

} // namespace kstd
