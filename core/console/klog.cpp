// The kernel log ring and its printing (see klog.hpp).
#include <console/klog.hpp>
#include <console/print.hpp>
#include <hal/timer.hpp>
#include <kstd/ring_buffer.hpp>

namespace klog {

namespace {
kstd::RingBuffer<Record, RECORD_CAPACITY> records;
constexpr Level PRINT_LEVEL = Level::Info; // lower levels are kept but not printed

console::Style style_of(Level level)
{
    switch (level) {
    case Level::Debug:
        return console::fg(console::Color::DarkGray);
    case Level::Info:
        return console::DEFAULT_STYLE;
    case Level::Warning:
        return console::fg(console::Color::Yellow);
    case Level::Error:
        return console::fg(console::Color::LightRed);
    }
    return console::DEFAULT_STYLE;
}
} // namespace

kstd::StringView level_name(Level level)
{
    switch (level) {
    case Level::Debug:
        return "debug";
    case Level::Info:
        return "info";
    case Level::Warning:
        return "warn";
    case Level::Error:
        return "error";
    }
    return "?";
}

void print_record(const Record& record)
{
    uint64_t microseconds = record.time_ns / 1000;
    console::print(console::fg(console::Color::DarkGray), "[{:>5}.{:06}] ",
                   microseconds / 1000000, microseconds % 1000000);
    console::println(style_of(record.level), "{}: {}", level_name(record.level), record.text.view());
}

void append(Record& record)
{
    record.time_ns = hal::clock_ns();
    ksync::InterruptGuard guard;
    records.push_overwriting(record);
    // A full-screen program (a game) owns the screen: its log lines wait for dmesg.
    if (record.level >= PRINT_LEVEL && !console::kernel_console().in_full_screen())
        print_record(record);
}

void for_each_record(void (*visit)(const Record& record, void* context), void* context)
{
    // Each record is copied with interrupts off and visited with them on: printing the
    // whole log to a serial line takes long enough to lose ticks and keys otherwise.
    // Records logged meanwhile are not visited; if they push old ones out of a full ring,
    // one of those may be missed. dmesg is a look at the log, not a transaction.
    size_t total;
    {
        ksync::InterruptGuard guard;
        total = records.size();
    }
    for (size_t visited = 0; visited < total; ++visited) {
        Record copy;
        {
            ksync::InterruptGuard guard;
            if (visited >= records.size())
                return;
            copy = records.at(visited);
        }
        visit(copy, context);
    }
}

} // namespace klog
