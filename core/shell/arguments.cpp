// Word splitting with quotes, backslashes and output redirection (see arguments.hpp).
#include <shell/arguments.hpp>

namespace shell {

using kstd::Errno;
using kstd::Error;

namespace {
bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}
} // namespace

// One word from line[index], unquoted into m_text; stops at an unquoted blank or '>'.
kstd::Result<kstd::StringView> Arguments::parse_word(kstd::StringView line, size_t& index)
{
    size_t start = m_text_length;
    char quote = 0;
    for (; index < line.size(); ++index) {
        char c = line[index];
        if (quote == 0 && (is_blank(c) || c == '>'))
            break;
        if (c == quote) {
            quote = 0;
        } else if (quote == 0 && (c == '"' || c == '\'')) {
            quote = c;
        } else if (c == '\\' && quote != '\'') {
            if (++index == line.size())
                return Error::with_detail(Errno::InvalidArgument, "trailing backslash");
            m_text[m_text_length++] = line[index];
        } else {
            m_text[m_text_length++] = c;
        }
    }
    if (quote != 0)
        return Error::with_detail(Errno::InvalidArgument, "unterminated quote");
    return kstd::StringView(m_text + start, m_text_length - start);
}

// `>` or `>>` at line[index]; the file name is the next word.
kstd::Result<void> Arguments::parse_operator(kstd::StringView line, size_t& index)
{
    if (m_redirection)
        return Error::with_detail(Errno::InvalidArgument, "only one output redirection");
    ++index;
    m_redirection.mode = Redirection::Mode::Truncate;
    if (index < line.size() && line[index] == '>') {
        m_redirection.mode = Redirection::Mode::Append;
        ++index;
    }
    while (index < line.size() && is_blank(line[index]))
        ++index;
    if (index == line.size() || line[index] == '>')
        return Error::with_detail(Errno::InvalidArgument, "no file name after '>'");
    m_redirection.path = TRY(parse_word(line, index));
    return {};
}

kstd::Result<void> Arguments::parse(kstd::StringView line)
{
    m_count = 0;
    m_text_length = 0;
    m_redirection = {};
    if (line.size() > sizeof m_text)
        return Error::with_detail(Errno::ArgumentListTooLong, "line too long");
    size_t index = 0;
    while (true) {
        while (index < line.size() && is_blank(line[index]))
            ++index;
        if (index == line.size())
            return {};
        if (line[index] == '>') {
            TRY(parse_operator(line, index));
            continue;
        }
        kstd::StringView word = TRY(parse_word(line, index));
        if (m_count == MAX_WORDS)
            return Error::with_detail(Errno::ArgumentListTooLong, "too many arguments");
        m_words[m_count++] = word;
    }
}

} // namespace shell
