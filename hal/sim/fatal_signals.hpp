// Fatal signals on the CPU thread become CPU exceptions for the kernel (see fatal_signals.cpp).
#pragma once

namespace sim {

// Called once on the CPU thread: gives it an alternate signal stack and routes SIGSEGV,
// SIGBUS, SIGFPE and SIGILL raised by its own code to kernel_trap().
void install_fatal_signal_handlers();

} // namespace sim
