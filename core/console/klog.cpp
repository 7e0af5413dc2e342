// The kernel log ring and its printing (see klog.hpp).
#include <console/klog.hpp>
#include <console/print.hpp>
#include <hal/timer.hpp>

namespace klog {

namespace {
Record records[RECORD_CAPACITY];
size_t next_record = 0; // index the next record goes to
size_t record_count = 0;
Level print_level = Level::Info;

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

void set_print_level(Level level)
{
    print_level = level;
}

void print_record(const Record& record)
{
    uint64_t microseconds = record.time_ns / 1000;
    console::print(console::fg(console::Color::DarkGray), "[{:>5}.{:06}] ",
                   microseconds / 1000000, microseconds % 1000000);
    console::println(style_of(record.level), "{}: {}", level_name(record.level), record.view());
}

void log_text(Level level, kstd::StringView text)
{
    ksync::InterruptGuard guard;
    Record& record = records[next_record];
    record.time_ns = hal::clock_ns();
    record.level = level;
    record.length = static_cast<uint8_t>(text.size() < Record::MAX_TEXT ? text.size() : Record::MAX_TEXT);
    __builtin_memcpy(record.text, text.data(), record.length);
    next_record = (next_record + 1) % RECORD_CAPACITY;
    if (record_count < RECORD_CAPACITY)
        ++record_count;
    if (level >= print_level)
        print_record(record);
}

void for_each_record(void (*visit)(const Record& record, void* context), void* context)
{
    ksync::InterruptGuard guard;
    size_t oldest = (next_record + RECORD_CAPACITY - record_count) % RECORD_CAPACITY;
    for (size_t i = 0; i < record_count; ++i)
        visit(records[(oldest + i) % RECORD_CAPACITY], context);
}

} // namespace klog
