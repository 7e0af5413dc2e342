// Scrollback: the lines that scrolled off the top of the console, for looking back.
//
// A fixed ring of LINES lines of MAX_COLS cells, stored inline (the kernel console is a
// static object, so no heap is involved); when it is full the oldest line is overwritten.
// Lines are numbered by age: 1 is the line that left the screen last.
#pragma once
#include <hal/console.hpp>
#include <stdint.h>

namespace console {

class Scrollback final {
public:
    static constexpr uint16_t LINES = 200;
    static constexpr uint16_t MAX_COLS = 80;

    // Keeps the first `cols` cells of `cells` (at most MAX_COLS) as the newest line.
    void push(const hal::Cell* cells, uint16_t cols);

    uint16_t count() const { return m_count; }
    // The line `age` lines back, 1 <= age <= count() (VERIFY).
    const hal::Cell* line(uint16_t age) const;

private:
    hal::Cell m_lines[LINES][MAX_COLS];
    uint16_t m_newest = LINES - 1;
    uint16_t m_count = 0;
};

} // namespace console
