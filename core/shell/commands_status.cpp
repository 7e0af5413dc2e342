// `status`: the console's status line (uptime, free memory, threads on the screen's last
// row; see status/status.hpp) on or off, or whether it is on.
#include <console/print.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>
#include <status/status.hpp>

namespace shell {

int command_status(Shell& shell, const Arguments& arguments)
{
    if (arguments.count() == 1) {
        bool enabled = console::kernel_console().status_line_enabled();
        shell.println("status line: {}", enabled ? "on" : "off");
        return STATUS_OK;
    }
    bool on = arguments[1] == "on";
    if (!on && arguments[1] != "off") {
        print_usage(*find_command(arguments[0]));
        return STATUS_USAGE;
    }
    kstd::Result<void> changed = status::enable_status_line(on);
    if (changed.is_error()) {
        shell.error("status: {}", changed.error().description());
        return STATUS_FAILURE;
    }
    return STATUS_OK;
}

} // namespace shell
