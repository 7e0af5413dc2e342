// The kernel console and the printing API used everywhere in core.
//
//     print("{} of {}", done, total);
//     println(fg(Color::LightGreen), "Hello {}", name);
//
// Output goes to the screen and, mirrored with ANSI colours, to the debug serial line.
// Printing is safe from any context: the console is guarded against interrupts.
#pragma once
#include <console/console.hpp>
#include <sync/interrupt_guard.hpp>

namespace console {

// Sets up the kernel console on the HAL screen and serial line. Until then (and if it
// never happens, e.g. in host unit tests), printing only goes to the serial line.
void init_kernel_console();
Console& kernel_console();

template<typename... Args>
void print(kstd::StringView format, const Args&... args)
{
    ksync::InterruptGuard guard;
    kstd::format_to(kernel_console(), format, args...);
}

template<typename... Args>
void println(kstd::StringView format, const Args&... args)
{
    ksync::InterruptGuard guard;
    print(format, args...);
    kernel_console().write("\n");
}

template<typename... Args>
void print(Style style, kstd::StringView format, const Args&... args)
{
    ksync::InterruptGuard guard;
    Console& console = kernel_console();
    Style previous = console.style();
    console.set_style(style);
    kstd::format_to(console, format, args...);
    console.set_style(previous);
}

template<typename... Args>
void println(Style style, kstd::StringView format, const Args&... args)
{
    ksync::InterruptGuard guard;
    print(style, format, args...);
    kernel_console().write("\n");
}

} // namespace console
