// Arguments: a command line split into words, the way a POSIX shell splits simple words.
//
// Words are separated by spaces or tabs. "double" and 'single' quotes group words;
// a backslash outside single quotes takes the next character literally. Errors: an
// unterminated quote or trailing backslash (EINVAL) and more than MAX_WORDS words (E2BIG).
#pragma once
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <shell/limits.hpp>

namespace shell {

class Arguments {
public:
    static constexpr size_t MAX_WORDS = 32;

    kstd::Result<void> parse(kstd::StringView line);

    size_t count() const { return m_count; }
    kstd::StringView operator[](size_t index) const { return index < m_count ? m_words[index] : kstd::StringView(); }
    // The words after the command name.
    kstd::Span<const kstd::StringView> tail() const
    {
        return m_count > 0 ? kstd::Span<const kstd::StringView>(m_words + 1, m_count - 1)
                           : kstd::Span<const kstd::StringView>();
    }

private:
    // Unquoted text never outgrows the line it came from.
    char m_text[MAX_LINE_LENGTH];
    kstd::StringView m_words[MAX_WORDS];
    size_t m_count = 0;
};

} // namespace shell
