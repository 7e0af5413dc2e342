// The table of built-in commands (see commands.hpp).
#include <console/print.hpp>
#include <shell/commands.hpp>

namespace shell {

namespace {
constexpr Command command_table[] = {
    { "help", "[COMMAND]", "list the commands, or show how to use one", command_help },
    { "echo", "[WORD]...", "print the words, separated by spaces", command_echo },
    { "clear", "", "clear the screen", command_clear },
    { "color", "[FOREGROUND [BACKGROUND] | reset]", "set the text colours, or list them", command_color },
    { "history", "", "list the remembered command lines", command_history },
    { "version", "", "show the kernel version and machine", command_version },
    { "uptime", "", "show the time since boot and the timer ticks", command_uptime },
    { "dmesg", "", "print the kernel log", command_dmesg },
    { "reboot", "", "restart the machine", command_reboot },
    { "poweroff", "", "turn the machine off", command_poweroff },
    { "panic", "[MESSAGE]", "stop the kernel with a panic report (for testing)", command_panic },
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

int usage_error(kstd::StringView name)
{
    const Command* command = find_command(name);
    VERIFY(command);
    print_usage(*command);
    return STATUS_USAGE;
}

} // namespace shell
