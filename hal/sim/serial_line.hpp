// The sim's serial line (the terminal), as the rest of hal/sim sees it.
//
// Output written with hal::debug_putc() is buffered and flushed at each newline; these let
// cpu_idle() and the exit path flush the rest. A terminal on stdin is put in raw-ish mode by
// sim::start_serial_input() and must be given back before the process exits or re-executes.
#pragma once

namespace sim {

void flush_serial_output();
// Switches a terminal on stdin to non-canonical, no-echo input in which Ctrl-C is a byte
// for the kernel (the other signal keys still work), and arranges for restore_terminal()
// on SIGINT, SIGTERM, SIGHUP and SIGQUIT (Ctrl-\).
void enter_raw_terminal();
// Puts the terminal back as it was; async-signal-safe; harmless when nothing was changed.
void restore_terminal();

} // namespace sim
