// The hook that names the caller's controlling terminal, for /dev/tty (see
// controlling_terminal.hpp).
#include <fs/devfs/controlling_terminal.hpp>

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

} // namespace fs
