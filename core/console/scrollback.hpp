// Scrollback: the lines that scrolled off the top of the console, for looking back.
//
// A "last LINES" kstd::RingBuffer of lines of MAX_COLS cells, stored inline (the kernel
// console is a static object, so no heap is involved); when it is full the oldest line is
// dropped. Lines are numbered by age: 1 is the line that left the screen last.
#pragma once
#include <hal/console.hpp>
#include <kstd/ring_buffer.hpp>
#include <stdint.h>

namespace console {

class Scrollback final {
public:
    static constexpr uint16_t LINES = 200;
    static constexpr uint16_t MAX_COLS = 80;

    // Keeps the first `cols` cells of `cells` (at most MAX_COLS) as the newest line.
    void push(const hal::Cell* cells, uint16_t cols);

    void clear() { m_lines.clear(); }
    uint16_t count() const { return static_cast<uint16_t>(m_lines.size()); }
    // The line `age` lines back, 1 <= age <= count() (VERIFY).
    const hal::Cell* line(uint16_t age) const;

private:
    struct Line {
        hal::Cell cells[MAX_COLS];
    };

    kstd::RingBuffer<Line, LINES> m_lines;
};

} // namespace console
