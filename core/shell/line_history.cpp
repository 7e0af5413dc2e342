// The line history (see line_history.hpp).
#include <shell/line_history.hpp>

namespace shell {

kstd::StringView LineHistory::at(size_t index) const
{
    return index < size() ? m_lines.at(index).view() : kstd::StringView();
}

void LineHistory::add(kstd::StringView line)
{
    // A line too long to keep whole is not kept at all: cut, it would be another command.
    bool fits = line.size() <= MAX_LINE_LENGTH;
    if (fits && !line.empty() && (size() == 0 || at(size() - 1) != line))
        m_lines.push_overwriting(Line(line));
    m_browse_position = size();
}

void LineHistory::start_browsing(kstd::StringView draft)
{
    m_draft = Line(draft);
    m_browse_position = size();
}

bool LineHistory::older(kstd::StringView& line)
{
    if (m_browse_position == 0)
        return false;
    line = at(--m_browse_position);
    return true;
}

bool LineHistory::newer(kstd::StringView& line)
{
    if (m_browse_position >= size())
        return false;
    ++m_browse_position;
    line = m_browse_position == size() ? m_draft.view() : at(m_browse_position);
    return true;
}

} // namespace shell
