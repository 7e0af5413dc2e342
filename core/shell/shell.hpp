// The shell: Keel's command interpreter on the console (and so on the serial line too).
//
// It reads a line with the LineEditor, splits it into words, and runs the built-in command
// the first word names, or else the program it names (programs.cpp). Whatever goes wrong (unknown command, bad arguments, a line too
// long or badly quoted), it prints one clear line and prompts again.
//
// Commands print their results through out() (print/println), which is the console, or
// the file named by `> FILE` / `>> FILE` on the line; their complaints go through error(),
// always to the console in red. Ctrl+C interrupts the running command (interruption.hpp);
// from then on its output and complaints are dropped. The file commands work in the fs::Context the shell is
// given with use_files() (the kernel's first task gives it its thread's context, tests a
// context of their own Vfs); without one they say there is no file system.
#pragma once
#include <console/print.hpp>
#include <kstd/optional.hpp>
#include <shell/arguments.hpp>
#include <shell/interruption.hpp>
#include <shell/line_editor.hpp>
#include <shell/output.hpp>

namespace shell {

inline constexpr console::Style ERROR_STYLE = console::fg(console::Color::LightRed);

class Shell {
public:
    explicit Shell(console::Console& console) : m_editor(console), m_console_out(console) {}
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    // Prompts, reads and runs lines for ever.
    [[noreturn]] void run();
    // Runs one line; returns the command's exit status (see commands.hpp).
    int execute(kstd::StringView line);

    LineEditor& editor() { return m_editor; }
    int last_status() const { return m_last_status; }

    void use_files(fs::Context& files) { m_files = &files; }
    // The context file commands work in; nullptr when the shell has none.
    fs::Context* files() const { return m_files; }

    // Where the running command's output goes (nowhere once it was interrupted).
    kstd::Writer& out() { return interrupted() ? m_nowhere : *m_out; }
    // Whether out() is the console (where colours may be used).
    bool output_is_console() const { return m_out == &m_console_out; }
    // For commands that write until told to stop (cat): whether writing to out() failed (a
    // full file system). The first time it says so it reports "COMMAND: write error:
    // REASON" as coreutils do, and the shell does not report the error again.
    bool output_failed(kstd::StringView command);
    // The width to lay out columns in: the console's, or 0 when output goes to a file (one
    // item a line then, as ls writes into a pipe).
    size_t columns() const { return output_is_console() ? m_console_out.columns() : 0; }
    // Whether output is redirected to the file `status` describes (cat must not read it).
    bool output_goes_to(const fs::Stat& status) const { return m_file_out && m_file_out->writes_to(status); }

    template<typename... Args>
    void print(kstd::StringView format, const Args&... args)
    {
        kstd::format_to(out(), format, args...);
    }

    template<typename... Args>
    void println(kstd::StringView format, const Args&... args)
    {
        kstd::format_to(out(), format, args...);
        out().write("\n");
    }

    // One line of complaint on the console, whatever out() is.
    template<typename... Args>
    void error(kstd::StringView format, const Args&... args)
    {
        if (!interrupted())
            console::println(ERROR_STYLE, format, args...);
    }

private:
    int run_command(const Arguments& arguments);
    // A program from /bin or a path (programs.cpp): its status, or nothing when there is
    // no such program.
    kstd::Optional<int> run_program(const Arguments& arguments);
    int run_redirected(const Arguments& arguments);

    struct NowhereWriter final : kstd::Writer {
        void write(kstd::StringView) override {}
    };

    LineEditor m_editor;
    ConsoleWriter m_console_out;
    NowhereWriter m_nowhere;
    FileWriter* m_file_out = nullptr;
    bool m_write_error_reported = false;
    kstd::Writer* m_out = &m_console_out;
    fs::Context* m_files = nullptr;
    int m_last_status = 0;
};

} // namespace shell
