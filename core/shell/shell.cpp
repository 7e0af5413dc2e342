// The shell's read-eval loop and output redirection (see shell.hpp).
#include <input/input.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell {

namespace {
constexpr console::Style PROMPT_STYLE = console::fg(console::Color::LightGreen);
} // namespace

int Shell::run_command(const Arguments& arguments)
{
    const Command* command = find_command(arguments[0]);
    if (!command) {
        if (auto status = run_program(arguments))
            return status.value();
        error("{}: command not found (try 'help')", arguments[0]);
        return STATUS_NOT_FOUND;
    }
    if (arguments.count() - 1 > command->max_arguments) {
        print_usage(*command);
        return STATUS_USAGE;
    }
    ForegroundCommand foreground;
    int status = command->run(*this, arguments);
    if (!interrupted())
        return status;
    console::print("^C\n");
    return STATUS_INTERRUPTED;
}

bool Shell::output_failed(kstd::StringView command)
{
    if (!m_file_out || !m_file_out->failed())
        return false;
    if (!m_write_error_reported)
        error("{}: write error: {}", command, m_file_out->error().description());
    m_write_error_reported = true;
    return true;
}

// Runs the command with out() on the redirection's file. As in sh, the file is created
// (or truncated) before the command runs, even when the command then fails.
int Shell::run_redirected(const Arguments& arguments)
{
    const Redirection& redirection = arguments.redirection();
    if (!m_files) {
        error("shell: {}: no file system", redirection.path);
        return STATUS_FAILURE;
    }
    using namespace fs::open_flags;
    uint32_t flags =
        WRITE_ONLY | CREATE | (redirection.mode == Redirection::Mode::Append ? APPEND : TRUNCATE);
    auto fd = m_files->open(redirection.path, flags);
    if (fd.is_error()) {
        error("shell: {}: {}", redirection.path, fd.error().description());
        return STATUS_FAILURE;
    }
    FileWriter file(*m_files, fd.value());
    m_file_out = &file;
    m_write_error_reported = false;
    m_out = &file;
    int status = arguments.count() == 0 ? STATUS_OK : run_command(arguments);
    m_out = &m_console_out;
    m_file_out = nullptr;
    if (auto finished = file.finish(); finished.is_error()) {
        if (!m_write_error_reported)
            error("shell: {}: {}", redirection.path, finished.error().description());
        if (status == STATUS_OK)
            status = STATUS_FAILURE;
    }
    return status;
}

int Shell::execute(kstd::StringView line)
{
    Arguments arguments;
    if (auto result = arguments.parse(line); result.is_error()) {
        error("shell: {}", result.error().detail());
        return m_last_status = STATUS_USAGE;
    }
    if (arguments.redirection())
        return m_last_status = run_redirected(arguments);
    if (arguments.count() == 0)
        return m_last_status;
    return m_last_status = run_command(arguments);
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
            error("shell: line too long (at most {} characters); not run", LineEditor::CAPACITY);
            m_last_status = STATUS_USAGE;
            continue;
        }
        execute(m_editor.line());
    }
}

} // namespace shell
