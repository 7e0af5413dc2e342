// HAL: leaving the machine.
#pragma once

namespace hal {

// Powers the machine off (ACPI S5 on x86_64, process exit 0 in the sim).
[[noreturn]] void power_off();
// Resets the machine (keyboard-controller reset on x86_64; the sim restarts itself).
[[noreturn]] void reboot();
// Ends a test run with a verdict: QEMU's isa-debug-exit device on x86_64, the process
// exit status in the sim. See tests/kernel/README.md for the exit codes.
[[noreturn]] void test_exit(bool passed);

} // namespace hal
