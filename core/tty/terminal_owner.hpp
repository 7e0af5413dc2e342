// What a LineDiscipline needs from the terminal that owns it: a driver to print on,
// someone to signal, and a way to wait.
//
// TerminalDriver is the hardware side (the VGA console, the 16550 serial line): it is
// handed the bytes to show, already through output processing (OPOST). It is called with
// interrupts disabled — from receive() in the keyboard or serial IRQ for echo, and from
// write() in pieces — so it must neither block nor take a lock a task holds; the console
// and the serial line just print. input_room_available() tells a driver that holds input
// back (a flow-controlled serial line) that receive() will take bytes again: it should
// then offer the held bytes again, in order, as Linux's tty buffer does.
//
// TerminalSignals is the terminal's owner (later: the tty device with its session and
// foreground process group). The line discipline reports the signal characters (VINTR,
// VQUIT, VSUSP) and window size changes; the owner sends the signal to the foreground
// process group. Called with interrupts disabled, often in IRQ context. TerminalSignal's
// values are Linux's signal numbers.
//
// TerminalWaits is how read() and write() block: the kernel's (kernel_waits()) sleeps on a
// sched::WaitQueue, interruptibly, with hal::clock_ns() deadlines, after pushing out the
// serial output the sim holds back (hal::debug_flush); the unit tests script
// theirs (bytes arrive or the clock moves while a reader "waits"), so that every branch of
// the read loop runs on the host without threads.
#pragma once
#include <kstd/optional.hpp>
#include <kstd/string_view.hpp>
#include <sched/wait_queue.hpp>
#include <stdint.h>

namespace tty {

class TerminalDriver {
public:
    // Shows `bytes` (interrupts are disabled).
    virtual void write_output(kstd::StringView bytes) = 0;
    // receive() refused a byte for want of room, and now a reader has made room.
    virtual void input_room_available() {}
    // A signal character flushed the terminal (no NOFLSH): output given to the driver and
    // not yet sent (a serial line's transmit queue) may be dropped.
    virtual void discard_pending_output() {}

protected:
    ~TerminalDriver() = default;
};

enum class TerminalSignal : int {
    Hangup = 1, // SIGHUP, when the session lets go of its terminal
    Interrupt = 2, // SIGINT, from VINTR
    Quit = 3, // SIGQUIT, from VQUIT
    Suspend = 20, // SIGTSTP, from VSUSP
    Continue = 18, // SIGCONT, after the hangup that a session leader asked for
    WindowChanged = 28, // SIGWINCH, from set_window_size()
};

class TerminalSignals {
public:
    // Sends `signal` to the terminal's foreground process group, if it has one.
    virtual void signal_foreground(TerminalSignal signal) = 0;

protected:
    ~TerminalSignals() = default;
};

class TerminalWaits {
public:
    // The monotonic clock, in nanoseconds (VTIME's timers).
    virtual uint64_t now_ns() = 0;
    // Blocks on `queue` (interrupts disabled, as WaitQueue wants) until woken, interrupted
    // (sched::interrupt: a signal), or the deadline, if there is one.
    virtual sched::WaitResult wait(sched::WaitQueue& queue, kstd::Optional<uint64_t> deadline_ns) = 0;

protected:
    ~TerminalWaits() = default;
};

// The kernel's waits: WaitQueue::wait_interruptible / wait_until_interruptible.
TerminalWaits& kernel_waits();

} // namespace tty
