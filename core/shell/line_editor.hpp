// LineEditor: reads one line of input from key events, drawing it on a console.
//
// Keys: printable characters insert at the cursor; Backspace/Delete; Left/Right;
// Home/End (also Ctrl+A/Ctrl+E); Up/Down walk the history; Ctrl+U/Ctrl+K cut before/after
// the cursor; Ctrl+C abandons the line; Ctrl+L clears the screen. (While a command runs,
// Ctrl+C interrupts it instead: see interruption.hpp.)
//
// The line is UTF-8 and is edited by character: the cursor, Backspace and Delete move over
// or take a whole character, however many bytes it has, and each character is one column
// on the screen. The line holds at most CAPACITY bytes. Keys that would make it longer are refused
// and remembered: the submitted line then reports overflowed() so the caller can reject
// it rather than run a truncated command; such a line is not added to the history either.
// A line wider than the screen scrolls horizontally inside its row, so drawing never wraps.
#pragma once
#include <console/console.hpp>
#include <input/key.hpp>
#include <shell/line_history.hpp>

namespace shell {

class LineEditor {
public:
    static constexpr size_t CAPACITY = MAX_LINE_LENGTH;

    enum class Outcome { Editing, Submitted, Cancelled };

    explicit LineEditor(console::Console& console) : m_console(console) {}

    // Prints the prompt and starts an empty line.
    void begin(kstd::StringView prompt, console::Style prompt_style);
    Outcome handle(const input::KeyEvent& event);

    kstd::StringView line() const { return { m_line, m_length }; }
    size_t cursor() const { return m_cursor; } // in bytes, at the start of a character
    bool overflowed() const { return m_overflowed; }
    LineHistory& history() { return m_history; }

private:
    Outcome handle_control(char letter);
    void insert(char32_t character);
    void erase(size_t position, size_t count);
    void replace_line(kstd::StringView text);
    void move_cursor_to(size_t position);
    void redraw();
    size_t visible_width() const;

    console::Console& m_console;
    LineHistory m_history;
    char m_line[CAPACITY];
    size_t m_length = 0;
    size_t m_cursor = 0;
    size_t m_view_start = 0; // byte where the first character shown starts
    bool m_overflowed = false;
    bool m_browsing_history = false;
    kstd::StringView m_prompt;
    console::Style m_prompt_style;
};

} // namespace shell
