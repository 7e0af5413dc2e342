// Console: carrying out the escape sequences escape_parser.hpp splits out of the text,
// and mirroring each one to the serial line (see console.hpp, ansi_mirror.hpp).
//
// The sequences are those of Linux's console (man 4 console_codes). Parameters count from
// 1 and 0 means 1 where a count or position is expected; anything unknown, or known but
// with intermediates or a private marker it does not take, is dropped without a trace.
// The mirror gets what the console did, not what the program asked: relative moves as the
// distance really moved, absolute ones as the clamped position (ansi_mirror.hpp). Modes,
// reports and the reset are in console_modes.cpp.
#include <console/console.hpp>

namespace console {

bool Console::feed_escape(uint8_t byte)
{
    if (byte == 0x1B && m_decoder.in_sequence()) {
        m_decoder.reset(); // a character cut short by ESC
        put_character(kstd::REPLACEMENT_CHARACTER);
    }
    switch (m_parser.feed(byte)) {
    case EscapeParser::Action::None:
        return true;
    case EscapeParser::Action::Execute:
        put_char(static_cast<char>(byte));
        return true;
    case EscapeParser::Action::Escape:
        run_escape(m_parser.sequence());
        return true;
    case EscapeParser::Action::Csi:
        run_csi(m_parser.sequence());
        return true;
    case EscapeParser::Action::Text:
        break;
    }
    return false;
}

void Console::run_escape(const EscapeSequence& sequence)
{
    if (sequence.intermediate == '(' || sequence.intermediate == ')') {
        bool graphics = sequence.final == '0'; // B, U, K...: the ordinary characters
        (sequence.intermediate == '(' ? m_charsets.g0_graphics : m_charsets.g1_graphics) = graphics;
        return;
    }
    if (sequence.intermediate != 0)
        return; // ESC # 8, ESC % G...
    switch (sequence.final) {
    case '7':
        save_cursor();
        break;
    case '8':
        restore_cursor();
        break;
    case 'D': // IND
        line_feed();
        m_mirror.raw("\x1b" "D");
        break;
    case 'E': // NEL
        new_line();
        m_mirror.raw("\x1b" "E");
        break;
    case 'M': // RI: at the region's top the region scrolls down
        m_wrap_pending = false;
        if (m_row == m_scroll_top)
            scroll_region_down(m_scroll_top, m_scroll_bottom, 1);
        else if (m_row > 0)
            --m_row;
        m_mirror.raw("\x1b" "M");
        break;
    case 'c':
        reset();
        break;
    case 'Z': // DECID: as DA
        reply("\x1b[?6c");
        break;
    case '=': // DECKPAM
    case '>': // DECKPNM
        m_application_keypad = sequence.final == '=';
        break;
    default:
        break; // ESC H (tab stops)...
    }
}

void Console::run_csi(const EscapeSequence& sequence)
{
    if (sequence.intermediate != 0)
        return; // CSI ! p, CSI SP q...
    if (sequence.marker == '?' && (sequence.final == 'h' || sequence.final == 'l'))
        set_modes(sequence, sequence.final == 'h');
    if (sequence.marker != 0)
        return;
    uint16_t count = sequence.param(0, 1);
    uint16_t old_row = m_row;
    char final = sequence.final;
    switch (final) {
    case 'A': // CUU
    case 'B': // CUD
    case 'e': // VPR
        move_relative(0, final == 'A' ? -count : count);
        m_mirror.move_by(m_row - old_row, m_col);
        break;
    case 'C': // CUF
    case 'a': // HPR
    case 'D': // CUB
        move_relative(final == 'D' ? -count : count, 0);
        m_mirror.move_by(0, m_col);
        break;
    case 'E': // CNL
    case 'F': // CPL
        go_to(0, m_row + (final == 'F' ? -count : count));
        m_mirror.move_by(m_row - old_row, m_col);
        break;
    case 'G': // CHA
    case '`': // HPA
        go_to(count - 1, m_row);
        m_mirror.move_by(0, m_col);
        break;
    case 'H': // CUP
    case 'f': // HVP
        go_to_absolute(static_cast<uint16_t>(sequence.param(1, 1) - 1), static_cast<uint16_t>(count - 1));
        m_mirror.move_to(m_col, m_row);
        break;
    case 'd': // VPA
        go_to_absolute(m_col, static_cast<uint16_t>(count - 1));
        m_mirror.move_to(m_col, m_row);
        break;
    case 'J': // ED
    case 'K': { // EL
        uint16_t mode = sequence.param(0, 0);
        if (mode > (final == 'J' ? 3 : 2))
            break;
        final == 'J' ? erase_display(mode) : erase_line(mode);
        m_mirror.edit(erase_style(), mode, final);
        break;
    }
    case 'L': // IL
    case 'M': // DL
        final == 'L' ? insert_lines(count) : delete_lines(count);
        m_wrap_pending = false;
        m_mirror.edit(erase_style(), count, final);
        m_mirror.move_by(0, m_col); // xterm goes to column 0, Linux stays
        break;
    case '@': // ICH
    case 'P': // DCH
    case 'X': // ECH
        if (final == '@')
            insert_cells(count);
        else if (final == 'P')
            delete_cells(count);
        else
            erase_cells(m_row, m_col, static_cast<uint16_t>(m_col + count));
        m_wrap_pending = false;
        m_mirror.edit(erase_style(), count, final);
        break;
    case 'S': // SU
    case 'T': // SD
        if (final == 'S')
            scroll_region_up(m_scroll_top, m_scroll_bottom, count, true);
        else
            scroll_region_down(m_scroll_top, m_scroll_bottom, count);
        m_mirror.edit(erase_style(), count, final);
        break;
    case 'r': { // DECSTBM: ignored unless top < bottom <= rows
        uint16_t top = static_cast<uint16_t>(count - 1);
        uint16_t bottom = static_cast<uint16_t>(sequence.param(1, m_text_rows) - 1);
        if (top < bottom && bottom < m_text_rows)
            set_scroll_region(top, bottom);
        break;
    }
    case 'm':
        select_graphic_rendition(sequence);
        break;
    case 's':
        save_cursor();
        break;
    case 'u':
        restore_cursor();
        break;
    case 'h':
    case 'l':
        set_modes(sequence, final == 'h');
        break;
    case 'n':
    case 'c':
        report(sequence);
        break;
    default:
        break; // tab stops (g), LEDs (q), Linux's setterm sequences (]), ...
    }
}

void Console::save_cursor()
{
    m_saved_cursor = { m_col, m_row, m_style, m_rendition, m_charsets };
}

void Console::restore_cursor()
{
    uint16_t old_row = m_row;
    const SavedCursor& saved = m_saved_cursor;
    m_col = saved.col < m_cols ? saved.col : static_cast<uint16_t>(m_cols - 1);
    m_row = saved.row < m_text_rows ? saved.row : static_cast<uint16_t>(m_text_rows - 1);
    m_wrap_pending = false;
    m_style = saved.style;
    m_rendition = saved.rendition;
    m_charsets = saved.charsets;
    m_mirror.move_by(m_row - old_row, m_col);
}

void Console::set_scroll_region(uint16_t top, uint16_t bottom)
{
    m_scroll_top = top;
    m_scroll_bottom = bottom;
    m_mirror.scroll_region(top, bottom, top == 0 && bottom + 1 == m_text_rows);
    go_to_absolute(0, 0);
    m_mirror.move_to(m_col, m_row);
}

void Console::reset_scroll_region()
{
    m_scroll_top = 0;
    m_scroll_bottom = static_cast<uint16_t>(m_text_rows - 1);
}

} // namespace console
