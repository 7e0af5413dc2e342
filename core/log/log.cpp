// The kernel log ring and its sink (see log.hpp).
#include <hal/timer.hpp>
#include <kstd/format.hpp>
#include <kstd/ring_buffer.hpp>
#include <log/log.hpp>
#include <sync/interrupt_guard.hpp>

namespace klog {

namespace {
    kstd::RingBuffer<Record, RECORD_CAPACITY> records;
    uint64_t g_appended = 0;       // records appended since boot
    uint64_t g_cleared_before = 0; // the number of the first record after the last clear
    Sink g_sink = nullptr;
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

void set_sink(Sink sink)
{
    ksync::InterruptGuard guard;
    g_sink = sink;
}

void write_timestamp(const Record& record, kstd::Writer& out)
{
    uint64_t microseconds = record.time_ns / 1000;
    kstd::format_to(out, "[{:>5}.{:06}] ", microseconds / 1000000, microseconds % 1000000);
}

void write_record(const Record& record, kstd::Writer& out)
{
    write_timestamp(record, out);
    kstd::format_to(out, "{}: {}\n", level_name(record.level), record.text.view());
}

void append(Record& record)
{
    record.time_ns = hal::clock_ns();
    ksync::InterruptGuard guard;
    records.push_overwriting(record);
    ++g_appended;
    if (record.level >= PRINT_LEVEL && g_sink)
        g_sink(record);
}

namespace {

// Visits the kept records from number `first` on (numbered from 0 at boot).
void visit_from(uint64_t first, void (*visit)(const Record& record, void* context), void* context)
{
    // Each record is copied with interrupts off and visited with them on: printing the
    // whole log to a serial line takes long enough to lose ticks and keys otherwise.
    // Records logged meanwhile are not visited; if they push old ones out of a full ring,
    // one of those may be missed. dmesg is a look at the log, not a transaction.
    size_t total, skipped;
    {
        ksync::InterruptGuard guard;
        total = records.size();
        uint64_t oldest_kept = g_appended - total;
        skipped = first > oldest_kept ? size_t(first - oldest_kept < total ? first - oldest_kept : total) : 0;
    }
    for (size_t visited = skipped; visited < total; ++visited) {
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

} // namespace

void for_each_record(void (*visit)(const Record& record, void* context), void* context)
{
    visit_from(0, visit, context);
}

void mark_cleared()
{
    ksync::InterruptGuard guard;
    g_cleared_before = g_appended;
}

void for_each_record_since_clear(void (*visit)(const Record& record, void* context), void* context)
{
    uint64_t first;
    {
        ksync::InterruptGuard guard;
        first = g_cleared_before;
    }
    visit_from(first, visit, context);
}

} // namespace klog
