// The one kernel console, wired to the HAL screen and debug serial line.
#include <console/log_printer.hpp>
#include <console/print.hpp>
#include <hal/console.hpp>

namespace console {

Console& kernel_console()
{
    // Created on first use; until init_kernel_console() attaches the screen it writes to
    // the serial line only, so early messages are not lost.
    static Console console({ nullptr, nullptr, hal::debug_putc }, hal::screen_size().cols,
                           hal::screen_size().rows);
    return console;
}

void init_kernel_console()
{
    ksync::InterruptGuard guard;
    Console& console = kernel_console();
    console.attach_screen(hal::put_cell, hal::set_cursor);
    console.clear();
    klog::set_sink(show_log_record);
}

} // namespace console
