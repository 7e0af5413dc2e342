// PANIC(format, args...): VERIFY's sibling for invariants that need a formatted message.
//
//     PANIC("run queue {} corrupted: {:#x}", level, pointer);
#pragma once
#include <kstd/format.hpp>
#include <kstd/verify.hpp>

namespace kstd {

template<typename... Args>
[[noreturn]] void panic_with_format(const char* file, int line, StringView format,
                                    const Args&... args)
{
    char message[160];
    format_into(message, sizeof message, format, args...);
    panic_at(file, line, message);
}

} // namespace kstd

#define PANIC(...) ::kstd::panic_with_format(__FILE__, __LINE__, __VA_ARGS__)
