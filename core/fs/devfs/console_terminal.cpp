// The console's terminal (see console_terminal.hpp): its driver, its key-fetching waits.
#include <console/print.hpp>
#include <fs/devfs/console_terminal.hpp>
#include <hal/timer.hpp>
#include <input/input.hpp>
#include <sync/interrupt_guard.hpp>
#include <tty/key_bytes.hpp>

namespace fs {

namespace {

// Output goes to the kernel console as it is (it interprets the VT102 sequences).
class ConsoleDriver final : public tty::TerminalDriver {
public:
    void write_output(kstd::StringView bytes) override { console::kernel_console().write(bytes); }
};

// A waiting reader or writer fetches keys instead of sleeping on the line discipline's
// queue: it returns as soon as it has given it some, so the line discipline checks again.
class KeyFetchingWaits final : public tty::TerminalWaits {
public:
    uint64_t now_ns() override { return hal::clock_ns(); }
    sched::WaitResult wait(sched::WaitQueue&, kstd::Optional<uint64_t> deadline_ns) override
    {
        if (console_terminal().take_pending_input())
            return sched::WaitResult::Woken;
        sched::WaitResult result = input::wait_for_queued_key(deadline_ns);
        if (result == sched::WaitResult::Woken)
            (void)console_terminal().take_pending_input();
        return result;
    }
};

// Linux's defaults, and IUTF8: the console is a UTF-8 terminal, so erasing takes back a
// whole character (Linux's console sets IUTF8 too when it is in UTF-8 mode).
tty::Termios console_settings()
{
    tty::Termios settings = tty::default_termios();
    settings.input_flags |= tty::iflag::IUTF8;
    return settings;
}

} // namespace

ConsoleTerminal::ConsoleTerminal(tty::TerminalDriver& driver, tty::TerminalWaits& waits)
    : tty::Terminal(driver, waits)
{
    line().set_termios(console_settings());
    const console::Console& console = console::kernel_console();
    line().set_window_size({ .rows = console.rows(), .columns = console.cols() });
    console::kernel_console().set_reply_sink(queue_reply, this);
}

void ConsoleTerminal::queue_reply(void* terminal, kstd::StringView reply)
{
    auto& self = *static_cast<ConsoleTerminal*>(terminal);
    if (self.m_reply_count + reply.size() > REPLY_CAPACITY)
        return;
    __builtin_memcpy(self.m_replies + self.m_reply_count, reply.data(), reply.size());
    self.m_reply_count += reply.size();
}

bool ConsoleTerminal::take_pending_input()
{
    bool took = m_reply_count > 0;
    (void)line().receive_bytes({ m_replies, m_reply_count });
    m_reply_count = 0;
    bool application_cursor_keys = console::kernel_console().application_cursor_keys();
    while (kstd::Optional<input::KeyEvent> key = input::try_read_key()) {
        took = true;
        char bytes[tty::KEY_BYTES_MAX];
        size_t count = tty::key_bytes(key.value(), application_cursor_keys, bytes);
        (void)line().receive_bytes({ bytes, count });
    }
    return took;
}

// The keys still queued are not the program's: they stay for the kernel shell.
void ConsoleTerminal::reset()
{
    line().set_termios(console_settings(), tty::SetTermiosWhen::AfterOutputFlushingInput);
    settings_changed();
}

// Keys typed before the change are input under the old settings, as on Linux, where
// they would have reached the line discipline already.
void ConsoleTerminal::settings_changing()
{
    ksync::InterruptGuard guard;
    (void)take_pending_input();
}

void ConsoleTerminal::settings_changed()
{
    input::set_interrupt_key_typed(!(line().termios().local_flags & tty::lflag::ISIG));
}

ConsoleTerminal& console_terminal()
{
    static ConsoleDriver driver;
    static KeyFetchingWaits waits;
    static ConsoleTerminal terminal(driver, waits);
    return terminal;
}

} // namespace fs
