// The status line's refresher (core/status): keeps the console's last row showing uptime,
// free memory and thread count.
//
//     status on        (shell)         status=on        (kernel command line)
//
// The console only draws the row (console/status_line.hpp); the figures come from the
// clock, the memory manager and the scheduler, and a task on the kernel's async executor
// refreshes them about once a second while the line is on. That needs every floor from
// mm to async, so the refresher lives here, above them, rather than in the console below.
#pragma once
#include <kstd/result.hpp>
#include <stdint.h>

namespace status {

inline constexpr uint64_t STATUS_REFRESH_NS = 1'000'000'000;

// Shows (and starts refreshing) or hides the kernel console's status line. ENOMEM when the
// refreshing task cannot be started; the line then stays off.
kstd::Result<void> enable_status_line(bool enabled);
// Turns the status line on when the kernel command line has status=on (at boot, once the
// async executor runs).
void apply_status_line_option();

} // namespace status
