// The console's terminal: /dev/tty1, and /dev/console until the serial line is a terminal
// of its own; the VGA console (and its serial mirror) for output and the keyboard and
// serial line, through input, for input.
//
// While a program runs (the kernel shell calls take_keys() before it starts one and
// release_keys() when it has ended; once init runs, it takes them for good), the
// terminal takes each key as it arrives, in the
// keyboard's or the serial line's IRQ, through input's key arrival hook: the key's bytes
// (tty/key_bytes.hpp) go into the line discipline at once, as from Linux's tty drivers. So
// typing is echoed at once, and Ctrl+C, Ctrl+\ and Ctrl+Z signal the foreground process
// group whether it reads or not. Between programs the keys queue in input for the kernel
// shell's own line editor; those typed ahead of a program are its input, taken when it
// starts, and those it leaves unread go back to the kernel shell when it ends, as a shell
// on Linux reads what was typed while its command ran. While the line discipline has no
// room (a raw-mode program that does not read), keys wait in input's queue, in order (the
// serial line is held back once that fills), and go in as the reader makes room.
//
// A kernel thread may read the console too (the kernel shell's `cat /dev/console`): with
// no program running, it takes the keys for its read, and the signal characters
// interrupt it (sched::interrupt) instead of signalling anyone, as the kernel takes no
// signals. A program left running in the background that reads then takes nothing from
// the kernel shell: it waits for what is typed while the next program runs.
//
// Its output goes to the console, and so to the serial line as well, until the serial line
// becomes a terminal of its own (serial_terminal.hpp: before init starts, or when
// /dev/ttyS0 is first opened): from then on it is the screen's alone, as Linux's tty1 is,
// and its input is the keyboard's.
//
// The console's answers to the queries a program writes (ESC [ 6n: where is the cursor?)
// are input too: they go to the line discipline when the write that asked has finished
// (not during it: the line discipline would be re-entered in the middle of its output),
// as if the terminal had sent them back at once.
#pragma once
#include <input/key.hpp>
#include <tty/terminal.hpp>

namespace fs {

class ConsoleTerminal final : private tty::TerminalDriver, public tty::Terminal {
public:
    ConsoleTerminal();

    uint32_t device_number() const override { return 4 << 8 | 1; } // /dev/tty1

    // From now on keys go to the line discipline as they arrive, after the ones queued.
    void take_keys();
    // Keys queue in input again, for the kernel shell, behind the unread ones it had.
    void release_keys();
    // read(2): through the line discipline, a kernel thread taking the keys for its read
    // if no program has them.
    kstd::Result<size_t> read(kstd::Span<uint8_t> buffer, bool nonblocking) override;
    // write(2): through the line discipline, then the console's replies to the queries
    // written go to the line discipline as input.
    kstd::Result<size_t> write(kstd::Span<const uint8_t> data, bool nonblocking) override;
    // The first settings again (Linux's, with IUTF8) and no unread input (keys still
    // queued in input stay queued): the kernel shell starts each program on a sane
    // terminal, whatever the last one left.
    void reset();

private:
    // Room for the replies to a few queries; more are lost.
    static constexpr size_t REPLY_CAPACITY = 64;
    // The unread input release_keys() gives back (a line or two of type-ahead); the rest
    // is lost.
    static constexpr size_t GIVEN_BACK_MAX = 128;

    static void queue_reply(void* terminal, kstd::StringView reply);
    static bool on_key_arrival(void* terminal, const input::KeyEvent& event);
    // Gives the console's replies to the queries written so far to the line discipline.
    void deliver_replies();
    // Gives `event`'s bytes to the line discipline; false if it had no room for any.
    bool receive_key(const input::KeyEvent& event);
    // Moves keys from input's queue to the line discipline while it has room.
    void take_queued_keys();
    void give_back_unread_keys();

    // tty::TerminalDriver: output goes to the kernel console as it is (it interprets the
    // VT102 sequences).
    void write_output(kstd::StringView bytes) override;
    void input_room_available() override;
    void signal_foreground(tty::TerminalSignal signal) override;

    char m_replies[REPLY_CAPACITY] = {};
    size_t m_reply_count = 0;
    bool m_taking_keys = false;
    bool m_keys_held_back = false; // keys wait in input's queue for room
    sched::Thread* m_kernel_reader = nullptr; // a kernel thread reading, keys taken for it
};

// The console's terminal, made at first use (in a thread: the first open of its devices,
// or the kernel shell's first program) with the console's size as its window.
ConsoleTerminal& console_terminal();

} // namespace fs
