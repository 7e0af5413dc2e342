// Console: the modes escape sequences set (CSI h/l), the reports they ask for (DSR, DA)
// and the full reset (ESC c) (see console.hpp).
//
// Modes are Linux's console's, plus xterm's alternate screen: IRM (4) and LNM (20) among
// the ANSI ones; DECCKM (?1), DECOM (?6), DECAWM (?7), DECTCEM (?25) and the alternate
// screen (?47, ?1047, ?1049) among DEC's. The cursor-key and keypad modes change nothing
// here: they are kept for whoever turns keys into bytes (application_cursor_keys()).
// Reports are answered through the reply sink, in the form a VT102 (which Linux's
// console claims to be) gives; they are not mirrored.
#include <console/console.hpp>
#include <kstd/fixed_string.hpp>

namespace console {

// DEC private modes (CSI ? n h/l) and ANSI ones (CSI n h/l), several at once.
void Console::set_modes(const EscapeSequence& sequence, bool on)
{
    bool dec = sequence.marker == '?';
    for (unsigned index = 0; index < sequence.count; ++index) {
        uint16_t mode = sequence.params[index];
        if (!dec && mode == 4) { // IRM
            m_insert_mode = on;
            m_mirror.raw(on ? "\x1b[4h" : "\x1b[4l");
        } else if (!dec && mode == 20) { // LNM: the mirror sends line feeds as IND anyway
            m_newline_mode = on;
        } else if (dec && mode == 1) { // DECCKM: for whoever encodes the keys
            m_application_cursor_keys = on;
        } else if (dec && mode == 25) { // DECTCEM
            if (on != m_cursor_visible) {
                m_cursor_visible = on;
                m_mirror.show_cursor(on);
            }
        } else if (dec && mode == 7) { // DECAWM
            m_autowrap = on;
            m_mirror.raw(on ? "\x1b[?7h" : "\x1b[?7l");
        } else if (dec && mode == 6) { // DECOM: the cursor goes to the (region's) home
            m_origin_mode = on;
            go_to_absolute(0, 0);
            m_mirror.move_to(m_col, m_row);
        } else if (dec && (mode == 1049 || mode == 1047 || mode == 47)) {
            on ? enter_alternate_screen() : leave_alternate_screen();
        }
    }
}

// DSR 5 (status: fine), DSR 6 (where the cursor is, counted from the region's top in
// origin mode), DA (a VT102, as Linux answers).
void Console::report(const EscapeSequence& sequence)
{
    uint16_t request = sequence.param(0, 0);
    if (sequence.final == 'c') {
        if (request == 0)
            reply("\x1b[?6c");
    } else if (request == 5) {
        reply("\x1b[0n");
    } else if (request == 6) {
        kstd::FixedString<24> text;
        uint16_t row = static_cast<uint16_t>(m_row - (m_origin_mode ? m_scroll_top : 0));
        kstd::format_to(text, "\x1b[{};{}R", row + 1, m_col + 1);
        reply(text.view());
    }
}

// RIS (ESC c): the initial state, on a blank screen (back from the alternate screen).
void Console::reset()
{
    if (m_alternate) {
        m_alternate = false;
        restore_screen();
        apply_layout();
    }
    m_style = DEFAULT_STYLE;
    m_rendition = {};
    m_charsets = {};
    m_saved_cursor = {};
    m_origin_mode = false;
    m_autowrap = true;
    m_insert_mode = false;
    m_newline_mode = true;
    m_application_cursor_keys = false;
    m_application_keypad = false;
    m_cursor_visible = true;
    reset_scroll_region();
    fill(blank_cell());
    m_col = 0;
    m_row = 0;
    m_wrap_pending = false;
    m_mirror.reset();
}

} // namespace console
