// The serial line's terminal: /dev/ttyS0, the 16550 UART (in the sim, its standard input
// and output) as a terminal of its own, as Linux's 8250 driver makes it.
//
// Until it takes the line, the serial line serves the console: its bytes are decoded into
// keys (input), and the console is mirrored to it (console_terminal.hpp), so the kernel
// shell and the tests that type into it see one session on the screen and the line. The
// kernel has it take the line before it starts init (so that nothing init starts on the
// console's terminal is mirrored), or its first open does, under the kernel shell. That is
// for good: from then on the serial IRQ is this terminal's (input lets the line go), every
// byte received goes into its line discipline as it is, and what programs write goes out
// after output processing as it is, for the terminal at the other end to interpret; the
// console keeps the screen and the keyboard, and /dev/console names this terminal. The
// kernel log still reaches the line through the console's mirror, as Linux's printk
// reaches every console.
//
// Flow control: a byte the line discipline has no room for is held, and the serial IRQ
// masked (so the UART's FIFO, and then the sender, wait), until a reader makes room.
//
// Its window size is 0 rows by 0 columns, unknown, as on Linux, until a program sets it
// (stty rows 40 cols 120), except where the machine knows the size of the terminal at the
// other end (hal::serial_window_size: the sim on a host terminal). That size is taken with
// the line and again whenever it changes (the sim raises the serial IRQ), with SIGWINCH
// for the foreground programs, as a resized xterm gives its pseudo-terminal.
#pragma once
#include <hal/console.hpp>
#include <hal/irq.hpp>
#include <tty/terminal.hpp>

namespace fs {

class SerialTerminal final : private tty::TerminalDriver, public tty::Terminal {
public:
    SerialTerminal();

    uint32_t device_number() const override { return 4 << 8 | 64; } // /dev/ttyS0
    // Takes the serial line from the console (once; later calls do nothing).
    void take_line();
    // The first open takes the line.
    void opened() override { take_line(); }
    bool has_line() const { return m_has_line; }

private:
    static hal::IrqResult on_serial_irq(void* terminal);
    // Gives the line discipline the bytes waiting on the line until there are no more or
    // it has no room; true if it took any.
    bool receive_waiting_bytes();
    // Takes the size of the terminal at the other end, if known and changed.
    void follow_window_size();

    // tty::TerminalDriver: the bytes go out on the line.
    void write_output(kstd::StringView bytes) override;
    void input_room_available() override;

    bool m_has_line = false;
    bool m_paused = false; // the serial IRQ is masked until the reader makes room
    kstd::Optional<uint8_t> m_held_byte; // received, refused for want of room
    tty::WindowSize m_far_window; // the size last taken from hal::serial_window_size
};

// The serial line's terminal, made at first use.
SerialTerminal& serial_terminal();

} // namespace fs
