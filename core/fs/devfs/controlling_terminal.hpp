// The opener's controlling terminal, for /dev/tty: the file system floor knows no
// processes, so the process floor installs at boot the function that names the calling
// process's (proc::connect_terminal_signals); until then no one has one.
#pragma once
#include <tty/terminal.hpp>

namespace fs {

// The calling process's controlling terminal, or nullptr.
using ControllingTerminalSource = tty::Terminal* (*)();
void set_controlling_terminal_source(ControllingTerminalSource source);

tty::Terminal* controlling_terminal_of_caller();

} // namespace fs
