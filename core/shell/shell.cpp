// The shell's read-eval loop (see shell.hpp).
#include <console/print.hpp>
#include <input/input.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell {

using console::Color;

namespace {
constexpr console::Style PROMPT_STYLE = console::fg(Color::LightGreen);
} // namespace

int Shell::execute(kstd::StringView line)
{
    Arguments arguments;
    if (auto result = arguments.parse(line); result.is_error()) {
        console::println(console::fg(Color::LightRed), "shell: {}", result.error().detail());
        return m_last_status = STATUS_USAGE;
    }
    if (arguments.count() == 0)
        return m_last_status;
    const Command* command = find_command(arguments[0]);
    if (!command) {
        console::println(console::fg(Color::LightRed), "{}: command not found (try 'help')",
                         arguments[0]);
        return m_last_status = STATUS_NOT_FOUND;
    }
    if (arguments.count() - 1 > command->max_arguments) {
        print_usage(*command);
        return m_last_status = STATUS_USAGE;
    }
    return m_last_status = command->run(*this, arguments);
}

void Shell::run()
{
    for (;;) {
        m_editor.begin("keel> ", PROMPT_STYLE);
        LineEditor::Outcome outcome;
        do {
            outcome = m_editor.handle(input::read_key());
        } while (outcome == LineEditor::Outcome::Editing);
        if (outcome == LineEditor::Outcome::Cancelled)
            continue;
        if (m_editor.overflowed()) {
            console::println(console::fg(Color::LightRed),
                             "shell: line too long (at most {} characters); not run",
                             LineEditor::CAPACITY);
            m_last_status = STATUS_USAGE;
            continue;
        }
        execute(m_editor.line());
    }
}

} // namespace shell
