// The sim's serial line (the terminal), as the rest of hal/sim sees it.
//
// Output written with hal::debug_putc() is buffered and flushed at each newline; these let
// cpu_idle() and the exit path flush the rest. A terminal on stdin is put in raw-ish mode by
// sim::start_serial_input() and must be given back before the process exits or re-executes.
#pragma once
#include <stdint.h>

namespace sim {

void flush_serial_output();
// Switches a terminal on stdin to raw input (no echo, no line editing, no signal keys, no
// flow control), and arranges for restore_terminal() on SIGINT, SIGTERM, SIGHUP and
// SIGQUIT; false when stdin is not a terminal.
bool enter_raw_terminal();
// The escape key, for bytes from the terminal: Ctrl-A x ends the simulator, Ctrl-A h
// prints the escapes. Returns the byte for the serial line, or -1 for none.
int filter_escape_key(uint8_t byte);
// Puts the terminal back as it was; async-signal-safe; harmless when nothing was changed.
void restore_terminal();
// Reads the terminal's size for hal::serial_window_size; true if it changed.
bool read_terminal_size();

} // namespace sim
