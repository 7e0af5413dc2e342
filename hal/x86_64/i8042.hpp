// The i8042 PS/2 controller's other job: besides the keyboard (keyboard.cpp, which owns
// the controller's ports), it drives the CPU's reset line.
#pragma once

namespace hal::x86 {

// Waits (boundedly) until the controller can take a command, then asks it to pulse the
// CPU reset line. Returns at once; the machine resets shortly after, if it obeys.
void i8042_pulse_reset_line();

} // namespace hal::x86
