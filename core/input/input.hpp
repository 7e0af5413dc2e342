// Input: key events from the PS/2 keyboard and the serial terminal, in one queue.
//
// The keyboard IRQ (1) feeds scancode bytes through ScancodeDecoder and the serial IRQ (4)
// feeds terminal bytes through SerialDecoder (an ESC that nothing follows within a tick
// or two is the Escape key); both push KeyEvents into a fixed ring that
// task code drains with read_key(). The serial line is flow-controlled (bytes wait in the
// device while the ring is nearly full); keyboard events that find the ring full are
// dropped with a warning in the kernel log, as are scancodes the decoder does not know.
// Keys that belong to the console itself (Shift+PageUp/PageDown move its scrollback view)
// are handed to it first and never reach a reader.
//
// A reader that must not idle the CPU (the async key stream), or that wants keys as they
// come (the console's terminal while a program runs), installs a key arrival hook
// instead: each new event is offered to it in IRQ context before it is queued, and an event
// the hook takes skips the queue. The IRQ then asks for a reschedule, as the hook has
// probably woken a thread.
//
// The serial line can stop being a second keyboard: once its own terminal (/dev/ttyS0)
// takes it (release_serial_line), its IRQ and bytes are that terminal's, and only the
// keyboard's keys come here.
//
// Ctrl+C (Ctrl and C on the keyboard, byte 0x03 on the serial line) is the kernel shell's
// interrupt key: while a foreground thread is set (the shell sets itself while a built-in
// command runs), Ctrl+C is not queued but interrupts that thread (sched::interrupt), in
// the IRQ, so a command stuck in a loop or asleep stops. A key arrival hook sees it first
// and takes it as a key (a game; the console's terminal while a program runs, whose line
// discipline makes it SIGINT); with no foreground (the shell at its prompt) it is an
// ordinary key, and the line editor abandons the line with it.
#pragma once
#include <input/key.hpp>
#include <kstd/optional.hpp>
#include <kstd/span.hpp>
#include <kstd/string_view.hpp>
#include <sched/wait_queue.hpp>

namespace input {

inline constexpr unsigned KEY_QUEUE_CAPACITY = 128;

// Registers the IRQ handlers. Call once, with interrupts disabled.
void init();
// Waits (idling the CPU) for the next key event.
KeyEvent read_key();
// The next queued key event, or nothing at once.
kstd::Optional<KeyEvent> try_read_key();
// The next queued key event, left in the queue, or nothing.
kstd::Optional<KeyEvent> peek_key();
// Puts `events`, taken earlier and not used, back in front of the queued ones, in their
// order (those that do not fit are lost).
void put_back_keys(kstd::Span<const KeyEvent> events);

// Takes `bytes` as if the serial terminal had sent them: through the same decoder and
// into the same queue (kernel tests type this way on every target).
void feed_serial_bytes(kstd::StringView bytes);

// Called with interrupts off, in the keyboard or serial IRQ (or a reader that lets a paused
// serial line go on), with each new event; returns true if it took the event.
using KeyArrivalHook = bool (*)(void* context, const KeyEvent& event);
// Installs the hook, or removes it (nullptr). One at a time: replacing a hook is a bug.
void set_key_arrival_hook(KeyArrivalHook hook, void* context);

// Gives the serial line up for good, to the caller, who installs its own IRQ handler:
// input never reads or unmasks it again.
void release_serial_line();

// Ctrl+Alt+Delete pressed on the keyboard is the machine's, as on a PC: once a handler
// is installed (the system call floor's, which restarts or tells init, as reboot(2)'s
// Ctrl+Alt+Del setting says), the keyboard IRQ calls it and the key reaches no reader.
// (The serial line has no such key.)
using CtrlAltDeleteHandler = void (*)();
void set_ctrl_alt_delete_handler(CtrlAltDeleteHandler handler);

// Whether `event` is the interrupt key, Ctrl+C pressed.
bool is_interrupt_key(const KeyEvent& event);
// The thread Ctrl+C interrupts, or nullptr: Ctrl+C is then a key like the others.
void set_foreground(sched::Thread* thread);

} // namespace input
