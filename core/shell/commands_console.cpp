// Commands about the console and the shell itself: help, echo, clear, color, history.
#include <console/print.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell {

using console::Color;
using console::println;

int command_help(Shell& shell, const Arguments& arguments)
{
    if (arguments.count() == 2) {
        const Command* command = find_command(arguments[1]);
        if (!command) {
            shell.error("help: no command named '{}'", arguments[1]);
            return STATUS_FAILURE;
        }
        write_usage(shell.out(), *command);
        shell.println("  {}", command->summary);
        return STATUS_OK;
    }
    shell.print("Commands ('help NAME' tells what one does and how to use it):");
    kstd::StringView group;
    for (const Command& command : builtin_commands()) {
        if (group != command.group) {
            group = command.group;
            shell.print("\n  {:<8}", group);
        }
        shell.print(" {}", command.name);
    }
    shell.println("");
    shell.println("Output: COMMAND > FILE writes it to FILE, COMMAND >> FILE adds it at the end.");
    shell.println("Keys: Left/Right/Home/End move, Up/Down recall lines, Ctrl+U/Ctrl+K cut,");
    shell.println("      Ctrl+C abandons a line or stops the running command (Ctrl+\\ in");
    shell.println("      keel-sim's terminal stops the simulator).");
    shell.println("      Shift+PageUp/PageDown scroll the screen back and forth.");
    return STATUS_OK;
}

int command_echo(Shell& shell, const Arguments& arguments)
{
    bool first = true;
    for (kstd::StringView word : arguments.tail()) {
        shell.print("{}{}", first ? "" : " ", word);
        first = false;
    }
    shell.println("");
    return STATUS_OK;
}

int command_clear(Shell&, const Arguments&)
{
    ksync::InterruptGuard guard;
    console::kernel_console().clear();
    return STATUS_OK;
}

namespace {
bool parse_color_argument(kstd::StringView name, Color& color)
{
    if (console::parse_color(name, color))
        return true;
    println(ERROR_STYLE, "color: unknown colour '{}' (run 'color' to list them)", name);
    return false;
}

// Each name in its colour on the console; into a file, the plain names.
void list_colors(Shell& shell)
{
    shell.println("Colours:");
    for (unsigned index = 0; index < console::COLOR_COUNT; ++index) {
        auto color = static_cast<Color>(index);
        Color background = index == 0 ? Color::LightGray : Color::Black;
        shell.print("  ");
        if (shell.output_is_console())
            println(console::colors(color, background), "{:<14}", console::color_name(color));
        else
            shell.println("{}", console::color_name(color));
    }
}
} // namespace

int command_color(Shell& shell, const Arguments& arguments)
{
    if (arguments.count() == 1) {
        list_colors(shell);
        return STATUS_OK;
    }
    console::Style style = console::DEFAULT_STYLE;
    if (!(arguments.count() == 2 && arguments[1] == "reset")) {
        if (!parse_color_argument(arguments[1], style.foreground))
            return STATUS_FAILURE;
        if (arguments.count() == 3 && !parse_color_argument(arguments[2], style.background))
            return STATUS_FAILURE;
        if (style.foreground == style.background) {
            shell.error("color: foreground and background are both {}", arguments[1]);
            return STATUS_FAILURE;
        }
    }
    ksync::InterruptGuard guard;
    console::kernel_console().set_style(style);
    return STATUS_OK;
}

int command_history(Shell& shell, const Arguments&)
{
    LineHistory& history = shell.editor().history();
    for (size_t index = 0; index < history.size(); ++index)
        shell.println("{:>4}  {}", index + 1, history.at(index));
    return STATUS_OK;
}

} // namespace shell
