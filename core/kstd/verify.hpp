// VERIFY(condition): stop the kernel when one of its own invariants breaks.
//
// Anything a caller or a user can cause returns an Error instead (see result.hpp); this is
// for bugs. The panic reports file:line, the message, registers and a backtrace (see
// core/debug/panic.cpp); PANIC(format, ...) in panic.hpp does the same with a message.
#pragma once

namespace kstd {
[[noreturn]] void panic_at(const char* file, int line, const char* message);
} // namespace kstd

#define VERIFY(condition)                                                                  \
    do {                                                                                   \
        if (!(condition)) [[unlikely]]                                                     \
            ::kstd::panic_at(__FILE__, __LINE__, "VERIFY(" #condition ") failed");         \
    } while (0)

#define VERIFY_NOT_REACHED() ::kstd::panic_at(__FILE__, __LINE__, "VERIFY_NOT_REACHED()")
