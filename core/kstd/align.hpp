// Power-of-two arithmetic: rounding to an alignment, and checking one.
//
//     uint64_t end = kstd::align_up(base + length, 4096);
//
// `alignment` must be a power of two (is_power_of_two says whether it is).
#pragma once
#include <stdint.h>

namespace kstd {

constexpr bool is_power_of_two(uint64_t value)
{
    return value != 0 && (value & (value - 1)) == 0;
}

constexpr uint64_t align_down(uint64_t value, uint64_t alignment)
{
    return value & ~(alignment - 1);
}

constexpr uint64_t align_up(uint64_t value, uint64_t alignment)
{
    return align_down(value + alignment - 1, alignment);
}

constexpr bool is_aligned(uint64_t value, uint64_t alignment)
{
    return (value & (alignment - 1)) == 0;
}

} // namespace kstd
