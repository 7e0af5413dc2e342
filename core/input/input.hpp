// Input: key events from the PS/2 keyboard and the serial terminal, in one queue.
//
// The keyboard IRQ (1) feeds scancode bytes through ScancodeDecoder and the serial IRQ (4)
// feeds terminal bytes through SerialDecoder; both push KeyEvents into a fixed ring that
// task code drains with read_key(). The serial line is flow-controlled (bytes wait in the
// device while the ring is nearly full); keyboard events that find the ring full are
// dropped with a warning in the kernel log, as are scancodes the decoder does not know.
#pragma once
#include <input/key.hpp>

namespace input {

inline constexpr unsigned KEY_QUEUE_CAPACITY = 128;

// Registers the IRQ handlers. Call once, with interrupts disabled.
void init();
// Waits (idling the CPU) for the next key event.
KeyEvent read_key();

} // namespace input
