// The line editor's key handling and drawing (see line_editor.hpp).
//
// Drawing: the prompt, then the part of the line from m_view_start that fits before the
// last column. Appending at the end of a line that still fits is echoed as one character;
// every other change redraws the row from column 0 ('\r', prompt, text, erase, cursor back),
// which the serial mirror turns into the same moves on a terminal. Positions in m_line are
// bytes; columns on the screen are characters (kstd::utf8_length).
#include <kstd/utf8.hpp>
#include <shell/line_editor.hpp>

namespace shell {

using input::Key;
using kstd::utf8_length;

void LineEditor::begin(kstd::StringView prompt, console::Style prompt_style)
{
    m_prompt = prompt;
    m_prompt_style = prompt_style;
    m_length = 0;
    m_cursor = 0;
    m_view_start = 0;
    m_overflowed = false;
    m_browsing_history = false;
    redraw();
}

size_t LineEditor::visible_width() const
{
    size_t used = utf8_length(m_prompt) + 1; // keep the last column free: no pending wraps
    return m_console.cols() > used + 8 ? m_console.cols() - used : 8;
}

LineEditor::Outcome LineEditor::handle(const input::KeyEvent& event)
{
    if (!event.pressed)
        return Outcome::Editing;
    if (event.key == Key::Character && event.has(input::modifier::CTRL))
        return handle_control(event.character);

    kstd::StringView recalled;
    switch (event.key) {
    case Key::Character:
        insert(event.character);
        break;
    case Key::Enter:
        move_cursor_to(m_length);
        m_console.write("\n");
        if (!m_overflowed) // a refused line is not kept: recalled, its cut text would run
            m_history.add(line());
        return Outcome::Submitted;
    case Key::Backspace:
        if (m_cursor > 0) {
            size_t previous = kstd::utf8_previous(line(), m_cursor);
            erase(previous, m_cursor - previous);
        }
        break;
    case Key::Delete:
        if (m_cursor < m_length)
            erase(m_cursor, kstd::utf8_next(line(), m_cursor) - m_cursor);
        break;
    case Key::Left:
        if (m_cursor > 0)
            move_cursor_to(kstd::utf8_previous(line(), m_cursor));
        break;
    case Key::Right:
        if (m_cursor < m_length)
            move_cursor_to(kstd::utf8_next(line(), m_cursor));
        break;
    case Key::Home:
        move_cursor_to(0);
        break;
    case Key::End:
        move_cursor_to(m_length);
        break;
    case Key::Up:
        if (!m_browsing_history) {
            m_history.start_browsing(line());
            m_browsing_history = true;
        }
        if (m_history.older(recalled))
            replace_line(recalled);
        break;
    case Key::Down:
        if (m_browsing_history && m_history.newer(recalled))
            replace_line(recalled);
        break;
    default:
        break; // other keys do nothing in a line
    }
    return Outcome::Editing;
}

LineEditor::Outcome LineEditor::handle_control(char letter)
{
    switch (letter) {
    case 'a':
        move_cursor_to(0);
        break;
    case 'e':
        move_cursor_to(m_length);
        break;
    case 'u':
        erase(0, m_cursor);
        break;
    case 'k':
        erase(m_cursor, m_length - m_cursor);
        break;
    case 'c':
        move_cursor_to(m_length);
        m_console.write("^C\n");
        return Outcome::Cancelled;
    case 'l':
        m_console.clear();
        redraw();
        break;
    default:
        break;
    }
    return Outcome::Editing;
}

void LineEditor::insert(char32_t character)
{
    char bytes[kstd::MAX_UTF8_BYTES];
    size_t size = kstd::utf8_encode(character, bytes);
    if (m_length + size > CAPACITY) {
        m_overflowed = true;
        return;
    }
    for (size_t index = m_length; index > m_cursor; --index)
        m_line[index + size - 1] = m_line[index - 1];
    __builtin_memcpy(m_line + m_cursor, bytes, size);
    m_length += size;
    m_cursor += size;
    bool appended_in_view = m_cursor == m_length
        && utf8_length(line().substring(m_view_start, m_cursor - m_view_start)) <= visible_width();
    if (appended_in_view)
        m_console.write(kstd::StringView(bytes, size));
    else
        redraw();
}

void LineEditor::erase(size_t position, size_t count)
{
    if (count == 0)
        return;
    for (size_t index = position; index + count < m_length; ++index)
        m_line[index] = m_line[index + count];
    m_length -= count;
    m_cursor = position;
    redraw();
}

void LineEditor::replace_line(kstd::StringView text)
{
    m_length = text.size() < CAPACITY ? text.size() : CAPACITY;
    if (m_length < text.size()) // cut at a character's start, not inside it
        m_length = kstd::utf8_previous(text, m_length + 1);
    __builtin_memcpy(m_line, text.data(), m_length);
    m_cursor = m_length;
    redraw();
}

void LineEditor::move_cursor_to(size_t position)
{
    if (position == m_cursor)
        return;
    m_cursor = position;
    redraw();
}

void LineEditor::redraw()
{
    size_t width = visible_width();
    if (m_view_start > m_length)
        m_view_start = 0;
    size_t cursor_column = utf8_length(line().substring(0, m_cursor));
    size_t view_column = utf8_length(line().substring(0, m_view_start));
    if (m_cursor < m_view_start)
        m_view_start = m_cursor;
    else if (cursor_column > view_column + width)
        m_view_start = kstd::utf8_advance(line(), 0, cursor_column - width);

    console::Style text_style = m_console.style();
    m_console.write("\r");
    m_console.set_style(m_prompt_style);
    m_console.write(m_prompt);
    m_console.set_style(text_style);
    kstd::StringView shown = line().substring(m_view_start, kstd::utf8_advance(line(), m_view_start, width) - m_view_start);
    m_console.write(shown);
    m_console.erase_to_end_of_line();
    size_t after_cursor = utf8_length(line().substring(m_cursor, m_view_start + shown.size() - m_cursor));
    m_console.move_cursor_left(static_cast<uint16_t>(after_cursor));
}

} // namespace shell
