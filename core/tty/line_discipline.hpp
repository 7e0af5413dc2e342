// tty: terminals. LineDiscipline is the one line discipline behind every Keel terminal
// (the VGA console /dev/tty1, the serial line /dev/ttyS0, /dev/tty, /dev/console), after
// Linux's n_tty: what termios(3) and tty_ioctl(4) describe, with Linux's details.
//
// Input: the driver's IRQ calls receive() with each byte, interrupts off. The byte goes
// through input processing (ISTRIP, IGNCR, ICRNL, INLCR), flow control (IXON: VSTOP and
// VSTART stop and restart output; IXANY), the signal characters (ISIG: VINTR, VQUIT, VSUSP
// are reported to TerminalSignals and flush the input unless NOFLSH), canonical editing
// (ICANON: VERASE, VWERASE, VKILL, VEOF, VEOL, VEOL2, VLNEXT, VREPRINT; whole UTF-8
// characters with IUTF8) and echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL's "^C"),
// into a 4096-byte InputBuffer. Echo goes through the same output processing as writes.
// A full buffer refuses bytes (receive() returns false; the driver may hold them back or
// drop them), except that in canonical mode a line with no room keeps taking bytes in
// place of its last one, so a newline still ends it — as in Linux.
//
// Reading: read() returns at most one line in canonical mode (a VEOF at the start of a
// line reads as 0 bytes, end of file); otherwise VMIN and VTIME decide, in Linux's four
// cases (MIN=0 TIME=0: what is there, maybe nothing; MIN>0 TIME=0: wait for MIN bytes;
// MIN=0 TIME>0: wait at most TIME tenths of a second for the first byte; MIN>0 TIME>0:
// TIME is an inter-byte timer started by the first byte). A reader blocks through
// TerminalWaits, interruptibly (EINTR, or the bytes read so far); O_NONBLOCK gives EAGAIN
// instead (but MIN=0 TIME=0 gives 0).
//
// Writing: write() sends the bytes through output processing (OPOST with ONLCR, OCRNL,
// ONOCR, ONLRET, XTABS) to the TerminalDriver in pieces, waiting while output is stopped
// (VSTOP, TCOOFF); echo made meanwhile is held and shown when output restarts.
//
// Locking: all state is guarded by turning interrupts off (one CPU), as the pipes do.
#pragma once
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <sched/wait_queue.hpp>
#include <tty/input_buffer.hpp>
#include <tty/termios.hpp>
#include <tty/terminal_owner.hpp>

namespace tty {

// When TCSETS* applies new settings.
enum class SetTermiosWhen {
    Now, // TCSETS
    AfterOutput, // TCSETSW: after output is sent (at once: the drivers keep no queue)
    AfterOutputFlushingInput, // TCSETSF: the same, and unread input is thrown away
};

class LineDiscipline {
public:
    static constexpr size_t INPUT_CAPACITY = InputBuffer::CAPACITY;
    // Echo made while output is stopped waits in a buffer of this size (more is lost).
    static constexpr size_t HELD_OUTPUT_CAPACITY = 512;

    LineDiscipline(TerminalDriver& driver, TerminalSignals& signals, TerminalWaits& waits = kernel_waits());
    LineDiscipline(const LineDiscipline&) = delete;
    LineDiscipline& operator=(const LineDiscipline&) = delete;

    // Input, with interrupts disabled (IRQ context). False: no room, the byte was not taken.
    [[nodiscard]] bool receive(uint8_t byte);
    // receive() for each byte in turn, stopping at the first refused; returns how many
    // were taken.
    size_t receive_bytes(kstd::StringView bytes);

    // read(2) and write(2) of the terminal, from a thread: they may block (through
    // TerminalWaits, interruptibly) and turn interrupts off themselves. `nonblocking` is
    // O_NONBLOCK. The spans are kernel memory: the caller copies from and to the user.
    kstd::Result<size_t> read(kstd::Span<uint8_t> buffer, bool nonblocking);
    kstd::Result<size_t> write(kstd::Span<const uint8_t> data, bool nonblocking);

    // TCGETS and TCSETS/TCSETSW/TCSETSF.
    Termios termios() const;
    void set_termios(const Termios& termios, SetTermiosWhen when = SetTermiosWhen::Now);
    // TIOCGWINSZ and TIOCSWINSZ: a different size is reported as WindowChanged.
    WindowSize window_size() const;
    void set_window_size(const WindowSize& size);
    // FIONREAD: the bytes a read could return now (in canonical mode, of whole lines).
    size_t readable_count() const;
    // poll's POLLIN: whether a read would return without waiting (Linux counts VMIN when
    // VTIME is 0).
    bool is_readable() const;
    // TCFLSH with TCIFLUSH: unread input is dropped.
    void flush_input();
    // Takes out up to `out.size()` unread bytes, whole lines or not (VEOF's marks dropped),
    // and drops the rest: the console gives what a program left unread back to the kernel
    // shell. Returns the count.
    size_t take_unread(kstd::Span<uint8_t> out);
    // TCXONC: TCOOFF stops output until TCOON (VSTART does not restart it).
    void suspend_output();
    void resume_output();
    // Whether output is stopped (by VSTOP or TCOOFF).
    bool is_output_stopped() const;

private:
    bool canonical() const;
    bool local(uint32_t flag) const { return m_termios.local_flags & flag; }
    bool input_flag(uint32_t flag) const { return m_termios.input_flags & flag; }
    bool output_flag(uint32_t flag) const { return m_termios.output_flags & flag; }
    uint8_t control(size_t index) const { return m_termios.control_characters[index]; }
    void settings_changed(const Termios& old);
    void wake_readers_if_readable();
    void note_room_made();

    // Input (line_discipline_input.cpp).
    void receive_byte(uint8_t byte);
    void receive_special(uint8_t byte);
    void receive_ordinary(uint8_t byte);
    void receive_signal_character(TerminalSignal signal, uint8_t byte);
    void erase(uint8_t byte);
    void erase_tab_echo();
    void end_line(uint8_t byte);
    bool is_continuation(uint8_t byte) const;

    // Output (line_discipline_output.cpp).
    void echo_character(uint8_t byte);
    void echo_raw(uint8_t byte);
    void note_line_start_column();
    void process_output_byte(uint8_t byte);
    void put_raw(uint8_t byte);
    void flush_output();
    void stop_flow();
    void start_flow();
    void output_restarted();

    TerminalDriver& m_driver;
    TerminalSignals& m_signals;
    TerminalWaits& m_waits;
    Termios m_termios;
    WindowSize m_window;
    uint8_t m_special[256 / 8] = {}; // which bytes the input side must look at (n_tty's char_map)
    InputBuffer m_input;
    bool m_literal_next = false; // VLNEXT came: the next byte is taken as it is
    bool m_refused_input = false; // receive() said no; tell the driver when there is room
    unsigned m_column = 0; // the output column, for tabs, ONOCR and erasing tabs
    unsigned m_line_start_column = 0; // where echo of the line being edited began
    bool m_flow_stopped = false; // VSTOP (or TCOOFF) stopped output
    bool m_output_suspended = false; // TCOOFF: only TCOON restarts output
    uint8_t m_batch[256] = {}; // processed output on its way to the driver
    size_t m_batch_count = 0;
    uint8_t m_held[HELD_OUTPUT_CAPACITY] = {}; // output made while stopped
    size_t m_held_count = 0;
    sched::WaitQueue m_readers; // readers waiting for input
    sched::WaitQueue m_writers; // writers waiting for output to restart
};

} // namespace tty
