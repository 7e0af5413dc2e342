// Commands about the machine and the kernel: version, uptime, dmesg, reboot, poweroff, panic.
#include <console/log_printer.hpp>
#include <console/print.hpp>
#include <hal/boot.hpp>
#include <hal/power.hpp>
#include <hal/timer.hpp>
#include <kstd/panic.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>
#include <kstd/version.hpp>
#include <time/tick.hpp>

namespace shell {

int command_version(Shell& shell, const Arguments&)
{
    shell.println("Keel {} ({})", kstd::keel_version(), hal::machine_name());
    return STATUS_OK;
}

int command_uptime(Shell& shell, const Arguments&)
{
    uint64_t milliseconds = hal::clock_ns() / 1'000'000;
    uint64_t seconds = milliseconds / 1000;
    shell.println("up {}:{:02}:{:02}.{:03}, {} timer ticks", seconds / 3600, seconds / 60 % 60, seconds % 60,
                  milliseconds % 1000, ktime::tick_count());
    return STATUS_OK;
}

// On the console each record is in its level's colour; into a file, plain text.
int command_dmesg(Shell& shell, const Arguments&)
{
    if (shell.output_is_console()) {
        klog::for_each_record([](const klog::Record& record, void*) { console::print_log_record(record); },
                              nullptr);
        return STATUS_OK;
    }
    klog::for_each_record(
        [](const klog::Record& record, void* context) {
            klog::write_record(record, static_cast<Shell*>(context)->out());
        },
        &shell);
    return STATUS_OK;
}

int command_reboot(Shell&, const Arguments&)
{
    klog::info("shell: rebooting");
    hal::reboot();
}

int command_poweroff(Shell&, const Arguments&)
{
    klog::info("shell: powering off");
    hal::power_off();
}

int command_panic(Shell&, const Arguments& arguments)
{
    kstd::StringView message = arguments.count() > 1 ? arguments[1] : "no message";
    PANIC("panic requested from the shell: {}", message);
}

} // namespace shell
