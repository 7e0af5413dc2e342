// The shell's built-in commands: a table of names, usage lines and functions.
//
// A command returns an exit status: 0 success, 1 failure, 2 bad usage. It prints its own
// errors, coreutils style ("color: unknown colour 'pink'"); the shell has already refused
// more arguments than the command takes.
#pragma once
#include <kstd/span.hpp>
#include <shell/arguments.hpp>

namespace shell {

class Shell;

inline constexpr int STATUS_OK = 0;
inline constexpr int STATUS_FAILURE = 1;
inline constexpr int STATUS_USAGE = 2;
inline constexpr int STATUS_NOT_FOUND = 127; // no such command, as in POSIX shells

struct Command {
    const char* name;
    const char* usage;     // arguments, e.g. "FOREGROUND [BACKGROUND]"
    size_t max_arguments;  // words after the name; more is a usage error
    const char* summary;   // one line for `help`
    int (*run)(Shell& shell, const Arguments& arguments);
};

kstd::Span<const Command> builtin_commands();
const Command* find_command(kstd::StringView name);
// Prints "usage: NAME USAGE".
void print_usage(const Command& command);

// The commands themselves, grouped by what they touch.
int command_help(Shell&, const Arguments&);    // commands_console.cpp
int command_echo(Shell&, const Arguments&);
int command_clear(Shell&, const Arguments&);
int command_color(Shell&, const Arguments&);
int command_history(Shell&, const Arguments&);
int command_version(Shell&, const Arguments&); // commands_system.cpp
int command_uptime(Shell&, const Arguments&);
int command_dmesg(Shell&, const Arguments&);
int command_reboot(Shell&, const Arguments&);
int command_poweroff(Shell&, const Arguments&);
int command_panic(Shell&, const Arguments&);
int command_mem(Shell&, const Arguments&);     // commands_memory.cpp
int command_ps(Shell&, const Arguments&);      // commands_threads.cpp
int command_nice(Shell&, const Arguments&);
int command_kill(Shell&, const Arguments&);
int command_sleep(Shell&, const Arguments&);
int command_busy(Shell&, const Arguments&);

} // namespace shell
