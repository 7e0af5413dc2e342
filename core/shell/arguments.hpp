// Arguments: a command line split into words, the way a POSIX shell splits simple words,
// and the output redirection it asks for.
//
// Words are separated by spaces or tabs. "double" and 'single' quotes group words;
// a backslash outside single quotes takes the next character literally. An unquoted `>`
// or `>>` (alone or touching a word: `echo hi>f`) is an operator, not a word: the word
// after it names the file the command's output goes to (created or truncated for `>`,
// appended to for `>>`), and it may stand anywhere on the line, as in sh. Errors: an
// unterminated quote or trailing backslash, a `>` with no file name after it or a second
// redirection (EINVAL), and more than MAX_WORDS words (E2BIG).
#pragma once
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <shell/limits.hpp>
#include <stdint.h>

namespace shell {

struct Redirection {
    enum class Mode : uint8_t { None, Truncate, Append };
    Mode mode = Mode::None;
    kstd::StringView path;

    explicit operator bool() const { return mode != Mode::None; }
};

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
    const Redirection& redirection() const { return m_redirection; }

private:
    kstd::Result<kstd::StringView> parse_word(kstd::StringView line, size_t& index);
    kstd::Result<void> parse_operator(kstd::StringView line, size_t& index);

    // Unquoted text never outgrows the line it came from.
    char m_text[MAX_LINE_LENGTH];
    size_t m_text_length = 0;
    kstd::StringView m_words[MAX_WORDS];
    size_t m_count = 0;
    Redirection m_redirection;
};

} // namespace shell
