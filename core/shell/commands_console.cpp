// Commands about the console and the shell itself: help, echo, clear, color, history.
#include <console/print.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell {

using console::Color;
using console::println;

int command_help(Shell&, const Arguments& arguments)
{
    if (arguments.count() == 2) {
        const Command* command = find_command(arguments[1]);
        if (!command) {
            println(console::fg(Color::LightRed), "help: no command named '{}'", arguments[1]);
            return STATUS_FAILURE;
        }
        print_usage(*command);
        println("  {}", command->summary);
        return STATUS_OK;
    }
    println("Commands:");
    for (const Command& command : builtin_commands())
        println("  {:<10} {}", command.name, command.summary);
    println("Keys: Left/Right/Home/End move, Up/Down recall lines, Ctrl+U/Ctrl+K cut,");
    println("      Ctrl+C abandons a line (in keel-sim's own terminal it stops the simulator).");
    return STATUS_OK;
}

int command_echo(Shell&, const Arguments& arguments)
{
    bool first = true;
    for (kstd::StringView word : arguments.tail()) {
        console::print("{}{}", first ? "" : " ", word);
        first = false;
    }
    println("");
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
    println(console::fg(Color::LightRed), "color: unknown colour '{}' (run 'color' to list them)", name);
    return false;
}

void list_colors()
{
    println("Colours:");
    for (unsigned index = 0; index < console::COLOR_COUNT; ++index) {
        auto color = static_cast<Color>(index);
        Color background = index == 0 ? Color::LightGray : Color::Black;
        console::print("  ");
        println(console::colors(color, background), "{:<14}", console::color_name(color));
    }
}
} // namespace

int command_color(Shell&, const Arguments& arguments)
{
    if (arguments.count() == 1) {
        list_colors();
        return STATUS_OK;
    }
    console::Style style = console::DEFAULT_STYLE;
    if (!(arguments.count() == 2 && arguments[1] == "reset")) {
        if (!parse_color_argument(arguments[1], style.foreground))
            return STATUS_FAILURE;
        if (arguments.count() == 3 && !parse_color_argument(arguments[2], style.background))
            return STATUS_FAILURE;
        if (style.foreground == style.background) {
            println(console::fg(Color::LightRed), "color: foreground and background are both {}",
                    arguments[1]);
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
        println("{:>4}  {}", index + 1, history.at(index));
    return STATUS_OK;
}

} // namespace shell
