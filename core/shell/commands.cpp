// The table of built-in commands (see commands.hpp).
#include <console/print.hpp>
#include <shell/commands.hpp>

namespace shell {

namespace {
constexpr size_t ANY = Arguments::MAX_WORDS;

// In groups, so that `help` can list each group on a line.
constexpr Command command_table[] = {
    { "console", "help", "[COMMAND]", 1, "list the commands, or show how to use one", command_help },
    { "console", "echo", "[WORD]...", ANY, "print the words, separated by spaces", command_echo },
    { "console", "clear", "", 0, "clear the screen", command_clear },
    { "console", "color", "[FOREGROUND [BACKGROUND] | reset]", 2, "set the text colours, or list them",
      command_color },
    { "console", "history", "", 0, "list the remembered command lines", command_history },
    { "console", "status", "[on|off]", 1, "show uptime, free memory and threads on the last row",
      command_status },
    { "system", "version", "", 0, "show the kernel version and machine", command_version },
    { "system", "uptime", "", 0, "show the time since boot and the timer ticks", command_uptime },
    { "system", "dmesg", "", 0, "print the kernel log", command_dmesg },
    { "system", "mem", "", 0, "show free and used memory and the kernel heap's statistics", command_mem },
    { "system", "reboot", "", 0, "restart the machine", command_reboot },
    { "system", "poweroff", "", 0, "turn the machine off", command_poweroff },
    { "system", "panic", "[MESSAGE]", 1, "stop the kernel with a panic report (for testing)", command_panic },
    { "threads", "ps", "", 0, "list processes and their threads: ids, state, CPU time", command_ps },
    { "threads", "nice", "ID PRIORITY", 2, "give a thread a priority from 0 (lowest) to 15 (above: the kernel's)",
      command_nice },
    { "threads", "kill", "ID...", ANY, "end threads that allow it", command_kill },
    { "threads", "sleep", "MILLISECONDS", 1, "wait that long", command_sleep },
    { "threads", "busy", "[NAME]", 1, "start a killable thread that keeps the CPU busy at priority 4",
      command_busy },
    { "files", "ls", "[-al] [FILE]...", ANY, "list directories (-l: mode, links, size; -a: hidden names too)",
      command_ls },
    { "files", "cd", "[DIRECTORY]", 1, "change the current directory (to / without one)", command_cd },
    { "files", "pwd", "", 0, "print the current directory", command_pwd },
    { "files", "mkdir", "[-p] DIRECTORY...", ANY,
      "make directories (-p: and their parents, no error if they exist)", command_mkdir },
    { "files", "rmdir", "DIRECTORY...", ANY, "remove empty directories", command_rmdir },
    { "files", "touch", "FILE...", ANY, "create empty files (an existing file is left as it is)",
      command_touch },
    { "files", "cat", "FILE...", ANY, "print files one after another", command_cat },
    { "files", "rm", "[-rf] FILE...", ANY,
      "remove files (-r: directories and their contents; -f: never mind missing ones)", command_rm },
    { "files", "mv", "SOURCE... DESTINATION", ANY,
      "move or rename files (into DESTINATION if it is a directory)", command_mv },
    { "files", "cp", "[-r] SOURCE... DESTINATION", ANY,
      "copy files (into DESTINATION if it is a directory; -r: directories too)", command_cp },
    { "files", "ln", "[-s] TARGET... LINK", ANY,
      "make hard links (-s: symbolic links), in LINK if it is a directory", command_ln },
    { "files", "stat", "FILE...", ANY, "show a file's type, size, inode, links, mode, device and times",
      command_stat },
    { "files", "tree", "[-a] [DIRECTORY]...", ANY,
      "show directories and everything below them (-a: hidden names too)", command_tree },
    { "files", "mount", "[-t TYPE [-o OPTIONS] SOURCE DIRECTORY]", 6,
      "list the mounted file systems, or mount one on DIRECTORY", command_mount },
    { "files", "umount", "DIRECTORY", 1, "unmount the file system mounted on DIRECTORY", command_umount },
    { "files", "df", "", 0, "show the size and use of each mounted file system", command_df },
    { "games", "snake", "[--wrap] [--seed N]", 3,
      "play Snake: arrows or WASD steer, P pauses, Esc or Q quits (--wrap: no walls)", command_snake },
    { "games", "flappy", "[--seed N]", 2, "play Flappy: space or Up flaps, Esc or Q quits", command_flappy },
};
} // namespace

kstd::Span<const Command> builtin_commands()
{
    return command_table;
}

const Command* find_command(kstd::StringView name)
{
    for (const Command& command : command_table) {
        if (name == command.name)
            return &command;
    }
    return nullptr;
}

void write_usage(kstd::Writer& out, const Command& command)
{
    kstd::StringView usage = command.usage;
    kstd::format_to(out, "usage: {}{}{}\n", command.name, usage.empty() ? "" : " ", usage);
}

void print_usage(const Command& command)
{
    ksync::InterruptGuard guard;
    write_usage(console::kernel_console(), command);
}

} // namespace shell
