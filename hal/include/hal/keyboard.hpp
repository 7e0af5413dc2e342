// HAL: the keyboard controller.
//
// Both targets deliver raw PS/2 scancode set 1 bytes (make codes, break codes with bit 7
// set, 0xE0 prefixes) on IRQ 1: the i8042 on x86_64, SDL key events translated by the sim.
// Decoding the bytes into keys is core work (core/input), identical on both targets.
#pragma once
#include <stdint.h>

namespace hal {

inline constexpr unsigned KEYBOARD_IRQ = 1;

// Takes the next scancode byte from the controller; false when none is waiting.
bool keyboard_read(uint8_t& scancode);

} // namespace hal
