// HAL: random bits from the machine.
//
// hardware_random() asks the hardware for 64 random bits: RDRAND on x86_64 where CPUID
// says the CPU has it (QEMU's default TCG CPU does not), getrandom(2) in the sim. It is a
// seed source, not a generator to draw from in a loop, and it may have nothing to give:
// core must work when it returns false.
#pragma once
#include <stdint.h>

namespace hal {

// Sets `value` to 64 random bits and returns true; returns false, leaving `value` alone,
// when the machine has no source or the source failed.
bool hardware_random(uint64_t& value);

} // namespace hal
