// The console's status line: uptime, free memory and thread count on the screen's last row.
//
//     status on        (shell)         status=on        (kernel command line)
//
// render_status_line() lays given figures out as a row of cells (so tests can check the
// layout with made-up figures); enable_status_line() shows the row on the kernel console
// and keeps it current with a task on the kernel's async executor that refreshes it about
// once a second while it is on. The row is the screen's only (see console.hpp).
#pragma once
#include <hal/console.hpp>
#include <kstd/result.hpp>
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

inline constexpr uint64_t STATUS_REFRESH_NS = 1'000'000'000;

// Shows (and starts refreshing) or hides the kernel console's status line. ENOMEM when the
// refreshing task cannot be started; the line then stays off.
kstd::Result<void> enable_status_line(bool enabled);
// Turns the status line on when the kernel command line has status=on (at boot, once the
// async executor runs).
void apply_status_line_option();

} // namespace console
