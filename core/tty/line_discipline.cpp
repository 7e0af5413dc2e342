// LineDiscipline: settings, the reader's side (Linux's n_tty_read loop) and the ioctls.
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>
#include <tty/line_discipline.hpp>

namespace tty {

using kstd::Errno;
using kstd::Result;

namespace {
constexpr uint64_t DECISECOND_NS = 100'000'000; // VTIME's unit
} // namespace

LineDiscipline::LineDiscipline(TerminalDriver& driver, TerminalSignals& signals, TerminalWaits& waits)
    : m_driver(driver)
    , m_signals(signals)
    , m_waits(waits)
    , m_termios(default_termios())
{
    settings_changed(m_termios);
}

bool LineDiscipline::canonical() const { return local(lflag::ICANON); }

Termios LineDiscipline::termios() const
{
    ksync::InterruptGuard guard;
    return m_termios;
}

void LineDiscipline::set_termios(const Termios& termios, SetTermiosWhen when)
{
    ksync::InterruptGuard guard;
    if (when == SetTermiosWhen::AfterOutputFlushingInput)
        flush_input();
    Termios old = m_termios;
    m_termios = termios;
    m_termios.line = 0; // only N_TTY exists
    settings_changed(old);
}

// What n_tty_set_termios does: a change of ICANON turns the buffered bytes into one line
// or frees them; the map of special bytes is rebuilt; IXON going off restarts output.
void LineDiscipline::settings_changed(const Termios& old)
{
    if ((old.local_flags ^ m_termios.local_flags) & lflag::ICANON) {
        m_input.canonical_mode_changed(canonical());
        m_literal_next = false;
    }
    for (uint8_t& bits : m_special)
        bits = 0;
    auto mark = [this](uint8_t byte) { m_special[byte / 8] |= static_cast<uint8_t>(1u << (byte % 8)); };
    if (input_flag(iflag::IGNCR) || input_flag(iflag::ICRNL))
        mark('\r');
    if (input_flag(iflag::INLCR))
        mark('\n');
    if (canonical()) {
        mark(control(cc::VERASE));
        mark(control(cc::VKILL));
        mark(control(cc::VEOF));
        mark('\n');
        mark(control(cc::VEOL));
        if (local(lflag::IEXTEN)) {
            mark(control(cc::VWERASE));
            mark(control(cc::VLNEXT));
            mark(control(cc::VEOL2));
            if (local(lflag::ECHO))
                mark(control(cc::VREPRINT));
        }
    }
    if (input_flag(iflag::IXON)) {
        mark(control(cc::VSTART));
        mark(control(cc::VSTOP));
    }
    if (local(lflag::ISIG)) {
        mark(control(cc::VINTR));
        mark(control(cc::VQUIT));
        mark(control(cc::VSUSP));
    }
    m_special[0] &= static_cast<uint8_t>(~1u); // byte 0 (_POSIX_VDISABLE) is never special
    if (!input_flag(iflag::IXON) && (old.input_flags & iflag::IXON) && !m_output_suspended)
        start_flow();
    // A reader or writer that waits under the old settings looks again.
    m_readers.wake_all();
    m_writers.wake_all();
}

WindowSize LineDiscipline::window_size() const
{
    ksync::InterruptGuard guard;
    return m_window;
}

void LineDiscipline::set_window_size(const WindowSize& size)
{
    ksync::InterruptGuard guard;
    if (size == m_window)
        return;
    m_window = size;
    m_signals.signal_foreground(TerminalSignal::WindowChanged);
}

size_t LineDiscipline::readable_count() const
{
    ksync::InterruptGuard guard;
    return canonical() ? m_input.canonical_readable_count() : m_input.count();
}

bool LineDiscipline::is_readable() const
{
    ksync::InterruptGuard guard;
    if (canonical())
        return m_input.has_line();
    size_t minimum = control(cc::VMIN);
    if (control(cc::VTIME) != 0 || minimum == 0)
        minimum = 1;
    return m_input.count() >= minimum;
}

void LineDiscipline::flush_input()
{
    ksync::InterruptGuard guard;
    m_input.clear();
    m_literal_next = false;
    note_room_made();
}

size_t LineDiscipline::take_unread(kstd::Span<uint8_t> out)
{
    ksync::InterruptGuard guard;
    size_t count = 0;
    uint8_t byte;
    while (count < out.size() && m_input.take_any(&byte, 1) == 1)
        if (byte != END_OF_FILE_MARK)
            out[count++] = byte;
    flush_input();
    return count;
}

// A reader woken by input runs boosted, as one woken by a key does: the user waits for it.
void LineDiscipline::wake_readers_if_readable()
{
    if (canonical() ? m_input.has_line() : m_input.count() > 0)
        m_readers.wake_all_boosted(sched::INTERACTIVE_PRIORITY);
}

void LineDiscipline::note_room_made()
{
    if (m_refused_input && m_input.count() < INPUT_CAPACITY - 1) {
        m_refused_input = false;
        m_driver.input_room_available();
    }
}

// Linux's n_tty_read: `minimum` bytes end a non-canonical read; `timeout` limits the
// wait for the first byte (MIN=0) and `inter_byte` restarts after each byte (MIN>0).
Result<size_t> LineDiscipline::read(kstd::Span<uint8_t> buffer, bool nonblocking)
{
    if (buffer.empty())
        return 0;
    ksync::InterruptGuard guard;
    size_t minimum = 0;
    bool may_wait = true;
    kstd::Optional<uint64_t> deadline;
    uint64_t inter_byte_ns = 0;
    if (!canonical()) {
        minimum = control(cc::VMIN);
        uint64_t time_ns = control(cc::VTIME) * DECISECOND_NS;
        if (minimum > 0) {
            inter_byte_ns = time_ns;
        } else {
            minimum = 1;
            if (time_ns == 0)
                may_wait = false;
            else
                deadline = m_waits.now_ns() + time_ns;
        }
    }
    size_t done = 0;
    auto so_far = [&](Errno error) { return done > 0 ? Result<size_t>(done) : Result<size_t>(error); };
    while (done < buffer.size()) {
        bool available = canonical() ? m_input.has_line() : m_input.count() > 0;
        if (!available) {
            if (!may_wait || (deadline && m_waits.now_ns() >= deadline.value()))
                break;
            if (nonblocking)
                return so_far(Errno::TryAgain);
            if (m_waits.wait(m_readers, deadline) == sched::WaitResult::Interrupted)
                return so_far(Errno::Interrupted);
            continue;
        }
        if (canonical()) {
            bool ended_line = false;
            done += m_input.take_line(buffer.data() + done, buffer.size() - done, ended_line);
            note_room_made();
            break; // at most one line
        }
        done += m_input.take_any(buffer.data() + done, buffer.size() - done);
        note_room_made();
        if (done >= minimum)
            break;
        if (inter_byte_ns != 0)
            deadline = m_waits.now_ns() + inter_byte_ns;
    }
    return done;
}

} // namespace tty
