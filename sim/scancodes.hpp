// SDL key events as a PC keyboard would send them: PS/2 scancode set 1.
//
// A key press sends its make code, a release the make code with bit 7 set; keys that came
// with the enhanced 101-key keyboard (arrows, the block above them, right Ctrl and Alt,
// keypad Enter and /) send 0xE0 first. Print Screen and Pause send their longer sequences.
#pragma once
#include <SDL_scancode.h>
#include <stddef.h>
#include <stdint.h>

namespace frontend {

inline constexpr size_t MAX_SCANCODE_BYTES = 6;

// Writes the bytes for a press or release of `key` to `bytes`; returns how many (0 for a
// key the PC keyboard does not have).
size_t scancode_bytes(SDL_Scancode key, bool pressed, uint8_t (&bytes)[MAX_SCANCODE_BYTES]);

} // namespace frontend
