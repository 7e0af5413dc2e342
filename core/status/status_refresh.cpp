// Keeping the kernel console's status line current (see status.hpp).
//
// While the line is on, one task on the kernel's async executor renders the figures and
// sleeps STATUS_REFRESH_NS, over and over. Turning the line off only clears g_wanted: the
// task notices when it next wakes and ends, so an off/on within a second keeps the same
// task rather than starting a second one.
#include <async/async.hpp>
#include <async/kernel_executor.hpp>
#include <cmdline/cmdline.hpp>
#include <console/print.hpp>
#include <console/status_line.hpp>
#include <hal/timer.hpp>
#include <log/log.hpp>
#include <mm/mm.hpp>
#include <sched/scheduler.hpp>
#include <status/status.hpp>

namespace status {
namespace {

using console::kernel_console;

bool g_wanted = false;     // the line is on
bool g_refreshing = false; // a refreshing task exists

void refresh()
{
    mm::FrameStatistics frames = mm::frame_statistics();
    console::StatusFigures figures {
        .uptime_ns = hal::clock_ns(),
        .free_bytes = frames.free_frames * mm::PAGE_SIZE,
        .total_bytes = frames.total_frames * mm::PAGE_SIZE,
        .threads = sched::thread_count(),
    };
    hal::Cell cells[console::Console::MAX_COLS];
    console::render_status_line(figures, cells);
    kernel_console().set_status_line(cells);
}

// Whether the task should go on; when not, it is no longer counted as refreshing.
bool keep_refreshing()
{
    ksync::InterruptGuard guard;
    g_refreshing = g_wanted;
    return g_refreshing;
}

async::Task<void> refresh_while_wanted()
{
    while (keep_refreshing()) {
        refresh();
        co_await async::sleep_for(STATUS_REFRESH_NS);
    }
}

// Marks the line wanted; returns true when a task has to be started for it.
bool want_line()
{
    ksync::InterruptGuard guard;
    g_wanted = true;
    bool start = !g_refreshing;
    g_refreshing = true;
    return start;
}

void drop_line()
{
    ksync::InterruptGuard guard;
    g_wanted = false;
    kernel_console().set_status_line_enabled(false);
}

} // namespace

kstd::Result<void> enable_status_line(bool enabled)
{
    if (!enabled) {
        drop_line();
        return {};
    }
    bool start = want_line();
    refresh();
    kernel_console().set_status_line_enabled(true);
    if (!start)
        return {};
    kstd::Result<void> spawned = async::spawn(refresh_while_wanted());
    if (spawned.is_error()) {
        ksync::InterruptGuard guard;
        g_refreshing = false;
        drop_line();
    }
    return spawned;
}

void apply_status_line_option()
{
    static constexpr kstd::StringView CHOICES[] = { "off", "on" };
    if (cmdline::choice("status", CHOICES, "off") != "on")
        return;
    kstd::Result<void> enabled = enable_status_line(true);
    if (enabled.is_error())
        klog::warn("console: no status line: {}", enabled.error().description());
}

} // namespace status
