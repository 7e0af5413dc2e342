// Size arithmetic the heaps share: powers of two, page orders, size classes.
#pragma once
#include <mm/frames.hpp>
#include <stddef.h>

namespace mm {

// The smallest k with 2^k >= value.
constexpr unsigned ceil_log2(size_t value)
{
    return value <= 1 ? 0 : 64 - __builtin_clzll(value - 1);
}

// The smallest block order whose block holds `bytes`.
constexpr unsigned order_for_bytes(size_t bytes)
{
    unsigned shift = ceil_log2(bytes);
    return shift <= PAGE_SHIFT ? 0 : shift - PAGE_SHIFT;
}

// The index of the smallest class holding `bytes` among the power-of-two classes
// 2^smallest_shift, 2^(smallest_shift + 1), ...
constexpr unsigned power_of_two_class(size_t bytes, unsigned smallest_shift)
{
    unsigned shift = ceil_log2(bytes);
    return shift <= smallest_shift ? 0 : shift - smallest_shift;
}

} // namespace mm
