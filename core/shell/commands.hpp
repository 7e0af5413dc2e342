// The shell's built-in commands: a table of names, usage lines and functions.
//
// A command returns an exit status: 0 success, 1 failure, 2 bad usage (the shell makes it
// 130 when Ctrl+C interrupted the command, see interruption.hpp). It prints its
// results through the shell (Shell::print/println, so `> FILE` can catch them) and its own
// errors with Shell::error, coreutils style ("cat: /nope: No such file or directory"); the
// shell has already refused more arguments than the command takes.
#pragma once
#include <kstd/format.hpp>
#include <kstd/span.hpp>
#include <shell/arguments.hpp>

namespace shell {

class Shell;

inline constexpr int STATUS_OK = 0;
inline constexpr int STATUS_FAILURE = 1;
inline constexpr int STATUS_USAGE = 2;
inline constexpr int STATUS_NOT_FOUND = 127; // no such command, as in POSIX shells
inline constexpr int STATUS_INTERRUPTED = 130; // stopped by Ctrl+C: 128 + SIGINT, as in sh

struct Command {
    const char* group; // what it is about, for `help`: "console", "files", ...
    const char* name;
    const char* usage; // arguments, e.g. "FOREGROUND [BACKGROUND]"
    size_t max_arguments; // words after the name; more is a usage error
    const char* summary; // one line for `help NAME`
    int (*run)(Shell& shell, const Arguments& arguments);
};

kstd::Span<const Command> builtin_commands();
const Command* find_command(kstd::StringView name);
// Writes "usage: NAME USAGE" and a newline to `out`.
void write_usage(kstd::Writer& out, const Command& command);
// The same on the console (a command's complaint about its arguments).
void print_usage(const Command& command);

// The commands themselves, grouped by what they touch.
int command_help(Shell&, const Arguments&); // commands_console.cpp
int command_echo(Shell&, const Arguments&);
int command_clear(Shell&, const Arguments&);
int command_color(Shell&, const Arguments&);
int command_history(Shell&, const Arguments&);
int command_status(Shell&, const Arguments&); // commands_status.cpp
int command_version(Shell&, const Arguments&); // commands_system.cpp
int command_uptime(Shell&, const Arguments&);
int command_dmesg(Shell&, const Arguments&);
int command_reboot(Shell&, const Arguments&);
int command_poweroff(Shell&, const Arguments&);
int command_panic(Shell&, const Arguments&);
int command_mem(Shell&, const Arguments&); // commands_memory.cpp
int command_ps(Shell&, const Arguments&); // commands_threads.cpp
int command_nice(Shell&, const Arguments&);
int command_kill(Shell&, const Arguments&);
int command_sleep(Shell&, const Arguments&);
int command_busy(Shell&, const Arguments&);
int command_cd(Shell&, const Arguments&); // commands_directories.cpp
int command_pwd(Shell&, const Arguments&);
int command_mkdir(Shell&, const Arguments&);
int command_rmdir(Shell&, const Arguments&);
int command_rm(Shell&, const Arguments&);
int command_touch(Shell&, const Arguments&); // commands_files.cpp
int command_cat(Shell&, const Arguments&);
int command_mv(Shell&, const Arguments&);
int command_cp(Shell&, const Arguments&);
int command_ln(Shell&, const Arguments&);
int command_ls(Shell&, const Arguments&); // commands_listing.cpp
int command_stat(Shell&, const Arguments&); // commands_stat.cpp
int command_tree(Shell&, const Arguments&); // commands_tree.cpp
int command_mount(Shell&, const Arguments&); // commands_mounts.cpp
int command_umount(Shell&, const Arguments&);
int command_df(Shell&, const Arguments&);
int command_snake(Shell&, const Arguments&); // commands_games.cpp
int command_flappy(Shell&, const Arguments&);

} // namespace shell
