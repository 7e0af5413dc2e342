// The shell: Keel's command interpreter on the console (and so on the serial line too).
//
// It reads a line with the LineEditor, splits it into words, and runs the built-in command
// the first word names. Whatever goes wrong (unknown command, bad arguments, a line too
// long or badly quoted), it prints one clear line and prompts again.
#pragma once
#include <shell/line_editor.hpp>

namespace shell {

class Shell {
public:
    explicit Shell(console::Console& console) : m_editor(console) {}

    // Prompts, reads and runs lines for ever.
    [[noreturn]] void run();
    // Runs one line; returns the command's exit status (see commands.hpp).
    int execute(kstd::StringView line);

    LineEditor& editor() { return m_editor; }
    int last_status() const { return m_last_status; }

private:
    LineEditor m_editor;
    int m_last_status = 0;
};

} // namespace shell
