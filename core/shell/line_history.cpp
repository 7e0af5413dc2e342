// The line history ring (see line_history.hpp).
#include <shell/line_history.hpp>

namespace shell {

void LineHistory::store(Entry& entry, kstd::StringView text)
{
    entry.length = text.size() < LINE_CAPACITY ? text.size() : LINE_CAPACITY;
    __builtin_memcpy(entry.text, text.data(), entry.length);
}

kstd::StringView LineHistory::at(size_t index) const
{
    if (index >= m_count)
        return {};
    const Entry& entry = m_entries[(m_first + index) % CAPACITY];
    return { entry.text, entry.length };
}

void LineHistory::add(kstd::StringView line)
{
    if (line.empty() || (m_count > 0 && at(m_count - 1) == line)) {
        m_browse_position = m_count;
        return;
    }
    if (m_count == CAPACITY) {
        store(m_entries[m_first], line);
        m_first = (m_first + 1) % CAPACITY;
    } else {
        store(m_entries[(m_first + m_count) % CAPACITY], line);
        ++m_count;
    }
    m_browse_position = m_count;
}

void LineHistory::start_browsing(kstd::StringView draft)
{
    store(m_draft, draft);
    m_browse_position = m_count;
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
    if (m_browse_position >= m_count)
        return false;
    ++m_browse_position;
    line = m_browse_position == m_count ? kstd::StringView(m_draft.text, m_draft.length)
                                        : at(m_browse_position);
    return true;
}

} // namespace shell
