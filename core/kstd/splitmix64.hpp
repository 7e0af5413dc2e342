// kstd::splitmix64: the generator of Steele, Lea and Flood, used to spread a seed.
//
// Each call advances `state` by the golden-ratio constant and returns it mixed, so even
// neighbouring or low-entropy seeds (1, 2, 3; a cycle counter) give unrelated outputs. It
// seeds the faster generators that do the real work: the games' xorshift, /dev/random's
// xoshiro. Not for anything that must be unpredictable by itself.
#pragma once
#include <stdint.h>

namespace kstd {

constexpr uint64_t splitmix64(uint64_t& state)
{
    uint64_t mixed = (state += 0x9E3779B97F4A7C15ULL);
    mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9ULL;
    mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBULL;
    return mixed ^ (mixed >> 31);
}

} // namespace kstd
