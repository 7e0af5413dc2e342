// The table of built-in commands (see commands.hpp).
#include <console/print.hpp>
#include <shell/commands.hpp>

namespace shell {

namespace {
constexpr Command command_table[] = {
    { "help", "[COMMAND]", 1, "list the commands, or show how to use one", command_help },
    { "echo", "[WORD]...", Arguments::MAX_WORDS, "print the words, separated by spaces", command_echo },
    { "clear", "", 0, "clear the screen", command_clear },
    { "color", "[FOREGROUND [BACKGROUND] | reset]", 2, "set the text colours, or list them", command_color },
    { "history", "", 0, "list the remembered command lines", command_history },
    { "version", "", 0, "show the kernel version and machine", command_version },
    { "uptime", "", 0, "show the time since boot and the timer ticks", command_uptime },
    { "dmesg", "", 0, "print the kernel log", command_dmesg },
    { "mem", "", 0, "show free and used memory and the kernel heap's statistics", command_mem },
    { "ps", "", 0, "list the threads: id, name, priority, state, CPU time", command_ps },
    { "nice", "ID PRIORITY", 2, "give a thread a priority from 0 (lowest) to 31", command_nice },
    { "kill", "ID", 1, "end a thread that allows it", command_kill },
    { "sleep", "MILLISECONDS", 1, "wait that long", command_sleep },
    { "busy", "[NAME]", 1, "start a killable thread that keeps the CPU busy at priority 4", command_busy },
    { "reboot", "", 0, "restart the machine", command_reboot },
    { "poweroff", "", 0, "turn the machine off", command_poweroff },
    { "panic", "[MESSAGE]", 1, "stop the kernel with a panic report (for testing)", command_panic },
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

void print_usage(const Command& command)
{
    kstd::StringView usage = command.usage;
    console::println("usage: {}{}{}", command.name, usage.empty() ? "" : " ", usage);
}

} // namespace shell
