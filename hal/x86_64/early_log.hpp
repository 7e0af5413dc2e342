// One-line notes from the HAL on the serial line, for problems found while the machine
// is brought up (before core's console exists), e.g. "ACPI not found".
#pragma once

namespace hal::x86 {

// Writes "hal: <message>\n" to COM1.
void early_log(const char* message);

} // namespace hal::x86
