// LineDiscipline's output side: output processing (Linux's do_output_char), echo, the
// writer's loop, and stopping and restarting output (IXON, TCXONC).
//
// Processed bytes collect in a small batch that flush_output() hands to the driver, or,
// while output is stopped, keeps in the held buffer until output restarts. The output
// column is tracked as Linux does, for tabs, ONOCR and rubbing out an erased tab.
#include <kstd/utf8.hpp>
#include <sync/interrupt_guard.hpp>
#include <tty/line_discipline.hpp>

namespace tty {

using kstd::Errno;
using kstd::Result;

namespace {
// A write is processed in pieces of this many bytes, each with interrupts off.
constexpr size_t WRITE_PIECE = 128;

bool is_control(uint8_t byte) { return byte < 0x20 || byte == 0x7f; }
} // namespace

void LineDiscipline::put_raw(uint8_t byte)
{
    if (m_batch_count == sizeof(m_batch))
        flush_output();
    m_batch[m_batch_count++] = byte;
}

void LineDiscipline::flush_output()
{
    if (m_batch_count == 0)
        return;
    if (is_output_stopped()) {
        for (size_t index = 0; index < m_batch_count && m_held_count < HELD_OUTPUT_CAPACITY; ++index)
            m_held[m_held_count++] = m_batch[index];
    } else {
        m_driver.write_output({ reinterpret_cast<const char*>(m_batch), m_batch_count });
    }
    m_batch_count = 0;
}

void LineDiscipline::process_output_byte(uint8_t byte)
{
    if (!output_flag(oflag::OPOST)) {
        put_raw(byte);
        return;
    }
    switch (byte) {
    case '\n':
        if (output_flag(oflag::ONLRET))
            m_column = 0;
        if (output_flag(oflag::ONLCR)) {
            m_line_start_column = m_column = 0;
            put_raw('\r');
            put_raw('\n');
            return;
        }
        m_line_start_column = m_column;
        break;
    case '\r':
        if (output_flag(oflag::ONOCR) && m_column == 0)
            return;
        if (output_flag(oflag::OCRNL)) {
            byte = '\n';
            if (output_flag(oflag::ONLRET))
                m_line_start_column = m_column = 0;
            break;
        }
        m_line_start_column = m_column = 0;
        break;
    case '\t': {
        unsigned spaces = 8 - (m_column & 7);
        m_column += spaces;
        if ((m_termios.output_flags & oflag::TABDLY) == oflag::XTABS) {
            for (unsigned count = 0; count < spaces; ++count)
                put_raw(' ');
            return;
        }
        break;
    }
    case '\b':
        if (m_column > 0)
            --m_column;
        break;
    default:
        if (!is_control(byte) && !is_continuation(byte))
            ++m_column;
        break;
    }
    put_raw(byte);
}

void LineDiscipline::echo_raw(uint8_t byte)
{
    process_output_byte(byte);
}

// ECHOCTL shows a control character (but a tab) as '^' and the character 0x40 above it.
void LineDiscipline::echo_character(uint8_t byte)
{
    if (local(lflag::ECHOCTL) && is_control(byte) && byte != '\t') {
        put_raw('^');
        put_raw(byte ^ 0x40);
        m_column += 2;
        return;
    }
    echo_raw(byte);
}

void LineDiscipline::note_line_start_column()
{
    if (m_input.editing_count() == 0)
        m_line_start_column = m_column;
}

bool LineDiscipline::is_output_stopped() const { return m_flow_stopped; }

void LineDiscipline::stop_flow() { m_flow_stopped = true; }

void LineDiscipline::start_flow()
{
    if (!m_flow_stopped || m_output_suspended)
        return;
    m_flow_stopped = false;
    output_restarted();
}

void LineDiscipline::output_restarted()
{
    flush_output();
    if (m_held_count > 0)
        m_driver.write_output({ reinterpret_cast<const char*>(m_held), m_held_count });
    m_held_count = 0;
    m_writers.wake_all();
}

void LineDiscipline::suspend_output()
{
    ksync::InterruptGuard guard;
    if (m_output_suspended)
        return;
    m_output_suspended = true;
    m_flow_stopped = true;
}

void LineDiscipline::resume_output()
{
    ksync::InterruptGuard guard;
    if (!m_output_suspended)
        return;
    m_output_suspended = false;
    start_flow();
}

Result<size_t> LineDiscipline::write(kstd::Span<const uint8_t> data, bool nonblocking)
{
    size_t done = 0;
    auto so_far = [&](Errno error) { return done > 0 ? Result<size_t>(done) : Result<size_t>(error); };
    while (done < data.size()) {
        ksync::InterruptGuard guard;
        while (is_output_stopped()) {
            if (nonblocking)
                return so_far(Errno::TryAgain);
            if (m_waits.wait(m_writers, {}) == sched::WaitResult::Interrupted)
                return so_far(Errno::Interrupted);
        }
        // A piece ends where a character starts, so echo never splits a character.
        size_t end = data.size() - done < WRITE_PIECE ? data.size() : done + WRITE_PIECE;
        while (end < data.size() && end > done + 1 && kstd::is_utf8_continuation(data[end]))
            --end;
        for (size_t index = done; index < end; ++index)
            process_output_byte(data[index]);
        flush_output();
        done = end;
    }
    return done;
}

} // namespace tty
