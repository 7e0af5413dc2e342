// The kernel log on the kernel console (see log_printer.hpp).
#include <console/log_printer.hpp>
#include <console/print.hpp>

namespace console {

namespace {

    Style style_of(klog::Level level)
    {
        switch (level) {
        case klog::Level::Debug:
            return fg(Color::DarkGray);
        case klog::Level::Info:
            return DEFAULT_STYLE;
        case klog::Level::Warning:
            return fg(Color::Yellow);
        case klog::Level::Error:
            return fg(Color::LightRed);
        }
        return DEFAULT_STYLE;
    }

} // namespace

void print_log_record(const klog::Record& record)
{
    ksync::InterruptGuard guard;
    Console& console = kernel_console();
    Style previous = console.style();
    console.set_style(fg(Color::DarkGray));
    klog::write_timestamp(record, console);
    console.set_style(previous);
    println(style_of(record.level), "{}: {}", klog::level_name(record.level), record.text.view());
}

void show_log_record(const klog::Record& record)
{
    // Debug records are kept for dmesg only, as Linux's default console log level hides
    // KERN_DEBUG.
    if (record.level != klog::Level::Debug && !kernel_console().in_full_screen())
        print_log_record(record);
}

} // namespace console
