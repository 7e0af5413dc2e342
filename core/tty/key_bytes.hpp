// What a terminal sends for a key: the bytes Linux's VGA console (and xterm) put into the
// tty for each key press, which programs such as vi, less and busybox's line editor
// expect to read.
//
// A character is its UTF-8 bytes; with Ctrl, a letter or one of @[\]^_ becomes its C0
// control (Ctrl+A is 0x01, Ctrl+[ is ESC) and Ctrl+Space or Ctrl+2 NUL; with Alt, the
// character's bytes follow an ESC (the "meta sends escape" convention). Enter is CR (the
// terminal's ICRNL turns it into "\n"), Backspace DEL (0x7f, the default VERASE), Tab
// HT, Escape ESC. The cursor keys are ESC [ A..D, or ESC O A..D when the program asked for
// application cursor keys (DECCKM); Home and End ESC [ 1~ and ESC [ 4~, Insert, Delete,
// PageUp and PageDown ESC [ 2~, 3~, 5~ and 6~; F1-F5 ESC [ [A..E and F6-F12 ESC [ 17~
// and on, as Linux's console. Releases, modifier keys and the lock keys send nothing.
#pragma once
#include <input/key.hpp>
#include <stddef.h>

namespace tty {

// The most bytes a key sends (Alt + a 4-byte character).
inline constexpr size_t KEY_BYTES_MAX = 8;

// Writes the bytes `event` sends into `out`; returns how many (0 for none).
size_t key_bytes(const input::KeyEvent& event, bool application_cursor_keys, char (&out)[KEY_BYTES_MAX]);

} // namespace tty
