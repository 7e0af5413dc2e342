// The console's status line: uptime, free memory and thread count on the screen's last row.
//
//     status on        (shell)         status=on        (kernel command line)
//
// render_status_line() lays given figures out as a row of cells (so tests can check the
// layout with made-up figures). Gathering the figures and keeping the row current is
// core/status's job, a floor up, where the scheduler, memory and async live. The row is
// the screen's only (see console.hpp).
#pragma once
#include <hal/console.hpp>
#include <kstd/span.hpp>
#include <stdint.h>

namespace console {

struct StatusFigures {
    uint64_t uptime_ns;
    uint64_t free_bytes;
    uint64_t total_bytes;
    uint64_t threads;
};

// Fills all of `cells`: labels and values in different colours on a blue bar, cut off at
// the end of the row.
void render_status_line(const StatusFigures& figures, kstd::Span<hal::Cell> cells);

} // namespace console
