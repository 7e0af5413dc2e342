// The console's terminal (see console_terminal.hpp): its driver, its key arrival hook.
#include <console/print.hpp>
#include <fs/devfs/console_terminal.hpp>
#include <fs/devfs/serial_terminal.hpp>
#include <fs/poll.hpp>
#include <input/input.hpp>
#include <input/serial_decoder.hpp>
#include <kstd/verify.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>
#include <tty/key_bytes.hpp>

namespace fs {

namespace {

// Linux's defaults, and IUTF8: the console is a UTF-8 terminal, so erasing takes back a
// whole character (Linux's console sets IUTF8 too when it is in UTF-8 mode).
tty::Termios console_settings()
{
    tty::Termios settings = tty::default_termios();
    settings.input_flags |= tty::iflag::IUTF8;
    return settings;
}

} // namespace

ConsoleTerminal::ConsoleTerminal() : tty::Terminal(*this, tty::kernel_waits())
{
    line().set_termios(console_settings());
    const console::Console& console = console::kernel_console();
    line().set_window_size({ .rows = console.rows(), .columns = console.cols() });
    console::kernel_console().set_reply_sink(queue_reply, this);
}

void ConsoleTerminal::write_output(kstd::StringView bytes)
{
    if (serial_terminal().has_line()) // the serial line is a terminal of its own
        console::kernel_console().write_to_screen_only(bytes);
    else
        console::kernel_console().write(bytes);
}

kstd::Result<size_t> ConsoleTerminal::write(kstd::Span<const uint8_t> data, bool nonblocking)
{
    kstd::Result<size_t> written = line().write(data, nonblocking);
    deliver_replies();
    return written;
}

void ConsoleTerminal::queue_reply(void* terminal, kstd::StringView reply)
{
    auto& self = *static_cast<ConsoleTerminal*>(terminal);
    if (self.m_reply_count + reply.size() > REPLY_CAPACITY)
        return;
    __builtin_memcpy(self.m_replies + self.m_reply_count, reply.data(), reply.size());
    self.m_reply_count += reply.size();
}

void ConsoleTerminal::deliver_replies()
{
    ksync::InterruptGuard guard;
    if (m_reply_count == 0)
        return;
    (void)line().receive_bytes({ m_replies, m_reply_count });
    m_reply_count = 0;
    notify_poll_waiters();
}

bool ConsoleTerminal::receive_key(const input::KeyEvent& event)
{
    char bytes[tty::KEY_BYTES_MAX];
    size_t count = tty::key_bytes(event, console::kernel_console().application_cursor_keys(), bytes);
    // A key with no bytes (a release, Shift alone) is taken and dropped. Of a key whose
    // bytes found room for only some, the rest is lost.
    if (count > 0 && line().receive_bytes({ bytes, count }) == 0)
        return false;
    if (count > 0)
        notify_poll_waiters();
    return true;
}

bool ConsoleTerminal::on_key_arrival(void* terminal, const input::KeyEvent& event)
{
    auto& self = *static_cast<ConsoleTerminal*>(terminal);
    if (self.m_keys_held_back)
        return false; // behind the keys that wait in input's queue
    if (self.receive_key(event))
        return true;
    self.m_keys_held_back = true;
    return false;
}

// Taking a key may let a paused serial line go on, whose keys must queue behind.
void ConsoleTerminal::take_queued_keys()
{
    m_keys_held_back = true;
    while (kstd::Optional<input::KeyEvent> key = input::peek_key()) {
        if (!receive_key(key.value()))
            return;
        (void)input::try_read_key();
    }
    m_keys_held_back = false;
}

void ConsoleTerminal::input_room_available()
{
    if (m_taking_keys)
        take_queued_keys();
}

void ConsoleTerminal::take_keys()
{
    ksync::InterruptGuard guard;
    VERIFY(!m_taking_keys);
    m_taking_keys = true;
    take_queued_keys();
    input::set_key_arrival_hook(on_key_arrival, this);
}

void ConsoleTerminal::release_keys()
{
    ksync::InterruptGuard guard;
    VERIFY(m_taking_keys);
    input::set_key_arrival_hook(nullptr, nullptr);
    m_taking_keys = false;
    m_keys_held_back = false;
    give_back_unread_keys();
}

// What a program left unread was typed ahead for whoever reads next, the kernel shell:
// its bytes become keys again (through a serial line's decoder), in front of the keys
// still queued.
void ConsoleTerminal::give_back_unread_keys()
{
    uint8_t bytes[GIVEN_BACK_MAX];
    size_t count = line().take_unread({ bytes, sizeof bytes });
    input::SerialDecoder decoder;
    input::KeyEvent events[GIVEN_BACK_MAX + 1];
    size_t event_count = 0;
    for (size_t index = 0; index < count; ++index)
        event_count += decoder.feed(bytes[index], events + event_count);
    event_count += decoder.finish_escape(events[event_count]);
    input::put_back_keys({ events, event_count });
}

// A program that reads while none runs (one a program left in the background) waits
// for the keys typed while a program runs next: the ones typed meanwhile are the kernel
// shell's.
kstd::Result<size_t> ConsoleTerminal::read(kstd::Span<uint8_t> buffer, bool nonblocking)
{
    if (m_taking_keys || sched::current().process)
        return line().read(buffer, nonblocking);
    m_kernel_reader = &sched::current();
    take_keys();
    kstd::Result<size_t> got = line().read(buffer, nonblocking);
    release_keys();
    m_kernel_reader = nullptr;
    return got;
}

void ConsoleTerminal::signal_foreground(tty::TerminalSignal signal)
{
    if (m_kernel_reader)
        sched::interrupt(*m_kernel_reader);
    else
        tty::Terminal::signal_foreground(signal);
}

void ConsoleTerminal::reset()
{
    line().set_termios(console_settings(), tty::SetTermiosWhen::AfterOutputFlushingInput);
    ksync::InterruptGuard guard;
    m_reply_count = 0;
}

ConsoleTerminal& console_terminal()
{
    static ConsoleTerminal terminal;
    return terminal;
}

} // namespace fs
