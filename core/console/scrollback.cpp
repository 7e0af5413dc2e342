// Scrollback: the ring of lines that left the top of the console (see scrollback.hpp).
#include <console/scrollback.hpp>
#include <kstd/verify.hpp>

namespace console {

void Scrollback::push(const hal::Cell* cells, uint16_t cols)
{
    m_newest = static_cast<uint16_t>((m_newest + 1) % LINES);
    uint16_t kept = cols < MAX_COLS ? cols : MAX_COLS;
    __builtin_memcpy(m_lines[m_newest], cells, kept * sizeof(hal::Cell));
    if (m_count < LINES)
        ++m_count;
}

const hal::Cell* Scrollback::line(uint16_t age) const
{
    VERIFY(age >= 1 && age <= m_count);
    return m_lines[(m_newest + LINES - (age - 1)) % LINES];
}

} // namespace console
