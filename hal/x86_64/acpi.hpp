// Just enough ACPI to switch the machine off: the S5 ("soft off") sleep state.
#pragma once

namespace hal::x86 {

// Writes the S5 sleep type found by acpi_init() to the PM1 control registers; the
// machine switches off shortly after. Returns false at once when ACPI was not found.
bool acpi_enter_s5();

} // namespace hal::x86
