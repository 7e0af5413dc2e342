// The kernel log: levelled messages with a timestamp, printed to the console and kept in
// a ring of the most recent records (the shell's `dmesg`; /dev/kmsg later).
//
//     klog::warn("keyboard: unknown scancode {:#04x}", byte);
//
// A record longer than MAX_TEXT is cut at MAX_TEXT bytes.
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

// Stamps the record with the time, keeps it and prints it if its level is Info or above.
void append(Record& record);
kstd::StringView level_name(Level level);

// Calls visit for every kept record, oldest first.
void for_each_record(void (*visit)(const Record& record, void* context), void* context);
// Prints a record the way the log prints it: "[    1.234567] warn: text".
void print_record(const Record& record);

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
