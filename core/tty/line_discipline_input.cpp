// LineDiscipline's input side: what each received byte does (Linux's
// n_tty_receive_char_special, n_tty_receive_char and eraser), in IRQ context.
#include <tty/line_discipline.hpp>

namespace tty {

namespace {
bool is_control(uint8_t byte) { return byte < 0x20 || byte == 0x7f; }

// The kernel's isalnum (Latin-1 letters count), and '_': what a VWERASE word is made of.
bool is_word_byte(uint8_t byte)
{
    return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')
        || byte == '_' || (byte >= 0xc0 && byte != 0xd7 && byte != 0xf7);
}
} // namespace

bool LineDiscipline::receive(uint8_t byte)
{
    // Linux keeps one byte of the ring free; in canonical mode with no whole line, a
    // full buffer still takes bytes, each in place of the last one.
    if (m_input.count() >= INPUT_CAPACITY - 1) {
        bool overflow = canonical() && !m_input.has_line();
        if (!overflow) {
            m_refused_input = true;
            return false;
        }
        if (m_input.count() == INPUT_CAPACITY)
            m_input.drop_last();
    }
    receive_byte(byte);
    flush_output();
    wake_readers_if_readable();
    return true;
}

size_t LineDiscipline::receive_bytes(kstd::StringView bytes)
{
    size_t taken = 0;
    while (taken < bytes.size() && receive(static_cast<uint8_t>(bytes[taken])))
        ++taken;
    return taken;
}

bool LineDiscipline::is_continuation(uint8_t byte) const
{
    return input_flag(iflag::IUTF8) && (byte & 0xc0) == 0x80;
}

void LineDiscipline::receive_byte(uint8_t byte)
{
    if (m_literal_next) {
        m_literal_next = false;
        if (input_flag(iflag::ISTRIP))
            byte &= 0x7f;
        receive_ordinary(byte);
        return;
    }
    if (input_flag(iflag::ISTRIP))
        byte &= 0x7f;
    if (m_special[byte / 8] & (1u << (byte % 8)))
        receive_special(byte);
    else
        receive_ordinary(byte);
}

void LineDiscipline::receive_ordinary(uint8_t byte)
{
    if (m_flow_stopped && !m_output_suspended && input_flag(iflag::IXON) && input_flag(iflag::IXANY))
        start_flow();
    if (local(lflag::ECHO)) {
        note_line_start_column();
        echo_character(byte);
    }
    m_input.push(byte);
}

void LineDiscipline::receive_signal_character(TerminalSignal signal, uint8_t byte)
{
    if (!local(lflag::NOFLSH)) {
        m_input.clear();
        m_literal_next = false;
        m_batch_count = 0;
        m_held_count = 0;
        m_driver.discard_pending_output();
        note_room_made();
    }
    m_signals.signal_foreground(signal);
    if (input_flag(iflag::IXON))
        start_flow();
    if (local(lflag::ECHO))
        echo_character(byte);
}

void LineDiscipline::end_line(uint8_t byte)
{
    m_input.push_line_end(byte);
}

void LineDiscipline::receive_special(uint8_t byte)
{
    if (input_flag(iflag::IXON)) {
        if (byte == control(cc::VSTART)) {
            start_flow();
            return;
        }
        if (byte == control(cc::VSTOP)) {
            stop_flow();
            return;
        }
    }
    if (local(lflag::ISIG)) {
        if (byte == control(cc::VINTR))
            return receive_signal_character(TerminalSignal::Interrupt, byte);
        if (byte == control(cc::VQUIT))
            return receive_signal_character(TerminalSignal::Quit, byte);
        if (byte == control(cc::VSUSP))
            return receive_signal_character(TerminalSignal::Suspend, byte);
    }
    if (m_flow_stopped && !m_output_suspended && input_flag(iflag::IXON) && input_flag(iflag::IXANY))
        start_flow();
    if (byte == '\r') {
        if (input_flag(iflag::IGNCR))
            return;
        if (input_flag(iflag::ICRNL))
            byte = '\n';
    } else if (byte == '\n' && input_flag(iflag::INLCR)) {
        byte = '\r';
    }
    if (canonical()) {
        bool iexten = local(lflag::IEXTEN);
        if (byte == control(cc::VERASE) || byte == control(cc::VKILL) || (byte == control(cc::VWERASE) && iexten))
            return erase(byte);
        if (byte == control(cc::VLNEXT) && iexten) {
            m_literal_next = true;
            if (local(lflag::ECHO) && local(lflag::ECHOCTL)) {
                echo_raw('^'); // shown until the next byte's echo covers it
                echo_raw('\b');
            }
            return;
        }
        if (byte == control(cc::VREPRINT) && local(lflag::ECHO) && iexten) {
            echo_character(byte);
            echo_raw('\n');
            for (size_t index = m_input.editing_count(); index > 0; --index)
                echo_character(m_input.editing_byte_from_end(index - 1));
            return;
        }
        if (byte == '\n') {
            if (local(lflag::ECHO) || local(lflag::ECHONL))
                echo_raw('\n');
            return end_line(byte);
        }
        if (byte == control(cc::VEOF))
            return end_line(END_OF_FILE_MARK); // not echoed, and not read
        if (byte == control(cc::VEOL) || (byte == control(cc::VEOL2) && iexten)) {
            if (local(lflag::ECHO)) {
                note_line_start_column();
                echo_character(byte);
            }
            return end_line(byte);
        }
    }
    if (local(lflag::ECHO)) {
        if (byte == '\n') {
            echo_raw('\n');
        } else {
            note_line_start_column();
            echo_character(byte);
        }
    }
    m_input.push(byte);
}

// VERASE takes back a character, VWERASE a word (and the blanks after it), VKILL the
// line; echo rubs them out ("\b \b", ECHOE/ECHOKE) or shows the character (no ECHOE).
void LineDiscipline::erase(uint8_t byte)
{
    enum { Character, Word, Line } kind;
    if (m_input.editing_count() == 0)
        return;
    if (byte == control(cc::VERASE)) {
        kind = Character;
    } else if (byte == control(cc::VWERASE)) {
        kind = Word;
    } else {
        if (!local(lflag::ECHO)) {
            m_input.drop_editing_line();
            return;
        }
        if (!local(lflag::ECHOK) || !local(lflag::ECHOKE) || !local(lflag::ECHOE)) {
            m_input.drop_editing_line();
            echo_character(control(cc::VKILL));
            if (local(lflag::ECHOK))
                echo_raw('\n');
            return;
        }
        kind = Line;
    }
    bool seen_word = false;
    while (m_input.editing_count() > 0) {
        // One character: its bytes back to the one that starts it.
        size_t length = 1;
        uint8_t first = m_input.editing_byte_from_end(0);
        while (is_continuation(first) && length < m_input.editing_count())
            first = m_input.editing_byte_from_end(length++);
        if (is_continuation(first))
            break; // never half a character
        if (kind == Word) {
            if (is_word_byte(first))
                seen_word = true;
            else if (seen_word)
                break;
        }
        for (size_t index = 0; index < length; ++index)
            m_input.drop_last();
        if (local(lflag::ECHO)) {
            if (kind == Character && !local(lflag::ECHOE)) {
                echo_character(control(cc::VERASE));
            } else if (first == '\t') {
                erase_tab_echo();
            } else {
                unsigned columns = !is_control(first) ? 1 : local(lflag::ECHOCTL) ? 2 : 0;
                for (unsigned column = 0; column < columns; ++column) {
                    echo_raw('\b');
                    echo_raw(' ');
                    echo_raw('\b');
                }
            }
        }
        if (kind == Character)
            break;
    }
}

// Backs over an erased tab: as many columns as it took, which depends on what came
// before it since the previous tab or the line's start (Linux's echo_erase_tab).
void LineDiscipline::erase_tab_echo()
{
    unsigned columns_before = 0;
    bool after_tab = false;
    for (size_t index = 0; index < m_input.editing_count(); ++index) {
        uint8_t byte = m_input.editing_byte_from_end(index);
        if (byte == '\t') {
            after_tab = true;
            break;
        }
        if (is_control(byte)) {
            if (local(lflag::ECHOCTL))
                columns_before += 2;
        } else if (!is_continuation(byte)) {
            ++columns_before;
        }
    }
    if (!after_tab)
        columns_before += m_line_start_column;
    unsigned backspaces = 8 - (columns_before & 7);
    for (unsigned count = 0; count < backspaces; ++count) {
        put_raw('\b');
        if (m_column > 0)
            --m_column;
    }
}

} // namespace tty
