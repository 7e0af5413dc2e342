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
// A reader that must not idle the CPU (the async key stream) installs a key arrival hook
// instead: each new event is offered to it in IRQ context before it is queued, and an event
// the hook takes skips the queue. The IRQ then asks for a reschedule, as the hook has
// probably woken a thread.
//
// Ctrl+C (Ctrl and C on the keyboard, byte 0x03 on the serial line) is the interrupt key,
// as a terminal's VINTR: while a foreground thread is set (the shell sets itself while a
// command runs), Ctrl+C is not queued but interrupts that thread (sched::interrupt), in
// the IRQ, so a command stuck in a loop or asleep stops (unless a program reads the
// console raw: set_interrupt_key_typed). A key arrival hook sees it first
// and may take it as a key (a game in "raw mode"); with no foreground (the shell at its
// prompt) it is an ordinary key, and the line editor abandons the line with it.
#pragma once
#include <input/key.hpp>
#include <kstd/optional.hpp>
#include <kstd/string_view.hpp>
#include <sched/wait_queue.hpp>

namespace input {

inline constexpr unsigned KEY_QUEUE_CAPACITY = 128;

// Registers the IRQ handlers. Call once, with interrupts disabled.
void init();
// Waits (idling the CPU) for the next key event.
KeyEvent read_key();
// The same, but returns nothing when the calling thread is interrupted (sched/interrupt.hpp)
// before a key comes.
kstd::Optional<KeyEvent> read_key_interruptible();
// The next queued key event, or nothing at once.
kstd::Optional<KeyEvent> try_read_key();

// Takes `bytes` as if the serial terminal had sent them: through the same decoder and
// into the same queue (kernel tests type this way on every target).
void feed_serial_bytes(kstd::StringView bytes);

// Called with interrupts off, in the keyboard or serial IRQ (or a reader that lets a paused
// serial line go on), with each new event; returns true if it took the event.
using KeyArrivalHook = bool (*)(void* context, const KeyEvent& event);
// Installs the hook, or removes it (nullptr). One at a time: replacing a hook is a bug.
void set_key_arrival_hook(KeyArrivalHook hook, void* context);

// Whether a key event waits in the queue (read_key would return at once).
bool has_queued_key();
// Called (in IRQ context, interrupts off) after each event queued: the way a higher
// floor (fs's poll, for /dev/console) hears of input without input knowing it. One
// observer; installing the same one again is harmless.
using KeyQueuedObserver = void (*)();
void set_key_queued_observer(KeyQueuedObserver observer);

// Waits until a key event is queued (without taking it) or, interruptibly, the thread is
// interrupted or the deadline (hal::clock_ns()) passes. For a reader that feeds keys to a
// terminal and must also wake for signals and VTIME's timer.
sched::WaitResult wait_for_queued_key(kstd::Optional<uint64_t> deadline_ns);

// While set, Ctrl+C is queued like any key even when a foreground thread is set: the
// console's terminal sets it while its program reads keys raw (no ISIG), as vi does.
void set_interrupt_key_typed(bool typed);

// Whether `event` is the interrupt key, Ctrl+C pressed.
bool is_interrupt_key(const KeyEvent& event);
// The thread Ctrl+C interrupts, or nullptr: Ctrl+C is then a key like the others.
void set_foreground(sched::Thread* thread);

} // namespace input
