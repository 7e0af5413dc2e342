// In-kernel tests of the line discipline's waits (the unit tests script them; here they are
// real, on x86_64 under QEMU and in the sim): a reader blocked for a line is woken by bytes
// received with interrupts off as an IRQ would give them, a blocked reader is cut short by
// sched::interrupt (EINTR), VTIME's timer ends a read with nothing after a tenth of a
// second, and a writer waiting on stopped output (VSTOP) goes on after VSTART.
#include "thread_waits.hpp"

#include <hal/timer.hpp>
#include <ktest/ktest.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>
#include <tty/line_discipline.hpp>

#include <new>

namespace {

constexpr uint64_t MILLISECOND = 1'000'000;
constexpr uint64_t PROMPTLY_NS = 20'000 * MILLISECOND; // generous: a loaded CI machine

struct Recorder final : tty::TerminalDriver {
    char shown[128] = {};
    size_t count = 0;
    void write_output(kstd::StringView bytes) override
    {
        for (size_t i = 0; i < bytes.size() && count < sizeof(shown); ++i)
            shown[count++] = bytes[i];
    }
    bool showed(kstd::StringView expected) const { return kstd::StringView(shown, count) == expected; }
};

struct NoSignals final : tty::TerminalSignals {
    void signal_foreground(tty::TerminalSignal) override {}
};

// One terminal for the whole file: a LineDiscipline is too big for a test's stack.
struct Terminal {
    Recorder screen;
    NoSignals signals;
    tty::LineDiscipline discipline { screen, signals };
};

Terminal& fresh_terminal()
{
    alignas(Terminal) static unsigned char storage[sizeof(Terminal)];
    static Terminal* terminal = nullptr;
    if (!terminal)
        terminal = new (storage) Terminal; // built on first use, never freed
    ksync::InterruptGuard guard;
    terminal->discipline.set_termios(tty::default_termios(), tty::SetTermiosWhen::AfterOutputFlushingInput);
    terminal->screen.count = 0;
    return *terminal;
}

void type(Terminal& terminal, kstd::StringView bytes)
{
    ksync::InterruptGuard guard; // as the keyboard or serial IRQ calls it
    KTEST_EXPECT(terminal.discipline.receive_bytes(bytes) == bytes.size());
}

struct Call {
    Terminal* terminal = nullptr;
    uint8_t buffer[32] = {};
    bool failed = false;
    kstd::Errno error = kstd::Errno::IoError;
    size_t count = 0;
    void take(kstd::Result<size_t> result)
    {
        failed = result.is_error();
        if (failed)
            error = result.error().code();
        else
            count = result.value();
    }
};

void read_once(void* argument)
{
    auto& call = *static_cast<Call*>(argument);
    call.take(call.terminal->discipline.read({ call.buffer, sizeof(call.buffer) }, false));
}

void write_out(void* argument)
{
    auto& call = *static_cast<Call*>(argument);
    static const uint8_t text[] = { 'o', 'u', 't' };
    call.take(call.terminal->discipline.write({ text, sizeof(text) }, false));
}

sched::Thread* start_blocked(sched::ThreadEntry body, Call& call)
{
    return ktest_support::spawn_until_blocked("tty-waiter", body, &call, PROMPTLY_NS);
}

} // namespace

KTEST(tty_reader_waits_for_a_line_from_interrupt_context)
{
    Terminal& terminal = fresh_terminal();
    Call reader { &terminal };
    sched::Thread* waiting = start_blocked(read_once, reader);
    if (!waiting)
        return;
    type(terminal, "hi"); // not a line yet: the reader keeps waiting
    sched::sleep_for(10 * MILLISECOND);
    KTEST_EXPECT(waiting->state == sched::ThreadState::Blocked);
    type(terminal, "\r");
    sched::join(waiting);
    KTEST_EXPECT(!reader.failed);
    KTEST_EXPECT(kstd::StringView(reinterpret_cast<const char*>(reader.buffer), reader.count) == "hi\n");
    KTEST_EXPECT(terminal.screen.showed("hi\r\n"));
}

KTEST(tty_waiting_reader_is_interrupted)
{
    Terminal& terminal = fresh_terminal();
    Call reader { &terminal };
    sched::Thread* waiting = start_blocked(read_once, reader);
    if (!waiting)
        return;
    sched::interrupt(*waiting);
    sched::join(waiting);
    KTEST_EXPECT(reader.failed && reader.error == kstd::Errno::Interrupted);
}

KTEST(tty_vtime_ends_a_read_with_nothing)
{
    Terminal& terminal = fresh_terminal();
    tty::Termios termios = tty::default_termios();
    termios.local_flags &= ~tty::lflag::ICANON;
    termios.control_characters[tty::cc::VMIN] = 0;
    termios.control_characters[tty::cc::VTIME] = 1;
    terminal.discipline.set_termios(termios);
    uint8_t buffer[8];
    uint64_t start = hal::clock_ns();
    auto got = terminal.discipline.read({ buffer, sizeof(buffer) }, false);
    uint64_t took = hal::clock_ns() - start;
    KTEST_EXPECT(!got.is_error() && got.value() == 0);
    KTEST_EXPECT(took >= 100 * MILLISECOND);
    KTEST_EXPECT(took < PROMPTLY_NS);
}

KTEST(tty_writer_waits_while_output_is_stopped)
{
    Terminal& terminal = fresh_terminal();
    type(terminal, "\x13"); // VSTOP
    Call writer { &terminal };
    sched::Thread* waiting = start_blocked(write_out, writer);
    if (!waiting)
        return;
    KTEST_EXPECT(terminal.screen.count == 0);
    type(terminal, "\x11"); // VSTART
    sched::join(waiting);
    KTEST_EXPECT(!writer.failed && writer.count == 3);
    KTEST_EXPECT(terminal.screen.showed("out"));
}
