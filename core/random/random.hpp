// The kernel's random numbers: one xoshiro256** generator for /dev/random, getrandom(2)
// and the 16 bytes every new program finds at AT_RANDOM.
//
// It is seeded on first use from what the machine offers: hal::hardware_random (RDRAND,
// or getrandom in the sim) where there is one, and hal::cycles() and hal::clock_ns()
// always. Every source of entropy, the seeds and each word written to /dev/random, goes
// through splitmix64 into each state word in turn, so even a weak seed (QEMU's TCG CPU
// has no RDRAND, and then only the cycle counter and the clock vary) spreads over all 256
// bits. xoshiro256** (Blackman and Vigna, 2018) is fast and statistically sound but not
// cryptographic. Interrupts are off while it runs.
#pragma once
#include <kstd/span.hpp>
#include <stdint.h>

namespace krandom {

void fill(kstd::Span<uint8_t> bytes);
// Mixes `entropy` into the state.
void stir(uint64_t entropy);

} // namespace krandom
