// Scrollback: the ring of lines that left the top of the console (see scrollback.hpp).
#include <console/scrollback.hpp>
#include <kstd/verify.hpp>

namespace console {

void Scrollback::push(const hal::Cell* cells, uint16_t cols)
{
    Line line {};
    uint16_t kept = cols < MAX_COLS ? cols : MAX_COLS;
    __builtin_memcpy(line.cells, cells, kept * sizeof(hal::Cell));
    m_lines.push_overwriting(line);
}

const hal::Cell* Scrollback::line(uint16_t age) const
{
    VERIFY(age >= 1 && age <= count());
    return m_lines.at(m_lines.size() - age).cells;
}

} // namespace console
