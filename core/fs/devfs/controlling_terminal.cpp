// /dev/tty's open, and the hook it asks (see controlling_terminal.hpp).
#include <fs/devfs/console_terminal.hpp>
#include <fs/devfs/controlling_terminal.hpp>
#include <fs/devfs/devices.hpp>

namespace fs {

namespace {
ControllingTerminalSource g_source = nullptr;
}

void set_controlling_terminal_source(ControllingTerminalSource source)
{
    g_source = source;
}

tty::Terminal* controlling_terminal_of_caller()
{
    return g_source ? g_source() : nullptr;
}

kstd::Result<void> ControllingTerminalDevice::check_open()
{
    // Linux's tty_open_current_tty: no controlling terminal, no device.
    if (controlling_terminal_of_caller() != &console_terminal())
        return kstd::Errno::NoSuchDeviceOrAddress;
    return {};
}

} // namespace fs
