// The kernel log (core/log): levelled messages with a timestamp, kept in a ring of the
// most recent records (the shell's `dmesg`, /dev/kmsg) and handed to a sink as they come.
//
//     klog::warn("keyboard: unknown scancode {:#04x}", byte);
//
// The log is on the bottom floor with kstd: memory, time and input log through it, so it
// cannot include the console above them. The console registers itself as the sink
// (set_sink) when it starts; until then records are only kept. A record longer than
// MAX_TEXT is cut at MAX_TEXT bytes.
#pragma once
#include <kstd/fixed_string.hpp>
#include <stdint.h>

namespace klog {

enum class Level : uint8_t { Debug, Info, Warning, Error };

struct Record {
    static constexpr size_t MAX_TEXT = 120;
    uint64_t time_ns = 0;
    Level level = Level::Info;
    kstd::FixedString<MAX_TEXT> text;
};

inline constexpr size_t RECORD_CAPACITY = 128;
// Levels below this are kept but not handed to the sink.
inline constexpr Level PRINT_LEVEL = Level::Info;

// Stamps the record with the time, keeps it and hands it to the sink if its level is
// PRINT_LEVEL or above.
void append(Record& record);
kstd::StringView level_name(Level level);

// Where records of PRINT_LEVEL and above go as they are appended; called with interrupts
// off. One sink at a time (nullptr removes it).
using Sink = void (*)(const Record& record);
void set_sink(Sink sink);

// Calls visit for every kept record, oldest first.
void for_each_record(void (*visit)(const Record& record, void* context), void* context);
// Linux's clear of syslog(2) (dmesg -c): the records kept so far are left out of
// for_each_record_since_clear from now on; for_each_record still visits them, as
// /dev/kmsg still shows them on Linux.
void mark_cleared();
void for_each_record_since_clear(void (*visit)(const Record& record, void* context), void* context);
// The record's time as the log shows it before the level: "[    1.234567] ".
void write_timestamp(const Record& record, kstd::Writer& out);
// The record the way `dmesg` shows it: "[    1.234567] warn: text\n".
void write_record(const Record& record, kstd::Writer& out);

template<typename... Args>
void log(Level level, kstd::StringView format, const Args&... args)
{
    Record record;
    record.level = level;
    kstd::format_to(record.text, format, args...);
    append(record);
}

template<typename... Args>
void debug(kstd::StringView format, const Args&... args) { log(Level::Debug, format, args...); }
template<typename... Args>
void info(kstd::StringView format, const Args&... args) { log(Level::Info, format, args...); }
template<typename... Args>
void warn(kstd::StringView format, const Args&... args) { log(Level::Warning, format, args...); }
template<typename... Args>
void error(kstd::StringView format, const Args&... args) { log(Level::Error, format, args...); }

} // namespace klog
