// Word splitting with quotes and backslashes (see arguments.hpp).
#include <shell/arguments.hpp>

namespace shell {

using kstd::Errno;
using kstd::Error;

kstd::Result<void> Arguments::parse(kstd::StringView line)
{
    m_count = 0;
    if (line.size() > sizeof m_text)
        return Error::with_detail(Errno::ArgumentListTooLong, "line too long");
    size_t out = 0;
    size_t index = 0;
    while (true) {
        while (index < line.size() && (line[index] == ' ' || line[index] == '\t'))
            ++index;
        if (index == line.size())
            return {};
        if (m_count == MAX_WORDS)
            return Error::with_detail(Errno::ArgumentListTooLong, "too many arguments");
        size_t word_start = out;
        char quote = 0;
        for (; index < line.size(); ++index) {
            char c = line[index];
            if (quote == 0 && (c == ' ' || c == '\t'))
                break;
            if (c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == '\\' && quote != '\'') {
                if (++index == line.size())
                    return Error::with_detail(Errno::InvalidArgument, "trailing backslash");
                m_text[out++] = line[index];
            } else {
                m_text[out++] = c;
            }
        }
        if (quote != 0)
            return Error::with_detail(Errno::InvalidArgument, "unterminated quote");
        m_words[m_count++] = { m_text + word_start, out - word_start };
    }
}

} // namespace shell
