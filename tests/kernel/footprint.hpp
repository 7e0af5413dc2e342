// What a leak would change, for the kernel tests' "leaves no trace" checks: the frames that
// are free or cached by the heap (which keeps some empty slabs), and the heap bytes in use.
// expect_no_trace runs a round twice and compares after each: the first round may create
// page tables, which the kernel half keeps for good once made, and object-cache slabs.
#pragma once
#include <ktest/ktest.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/mm.hpp>

namespace ktest_support {

inline uint64_t free_frames()
{
    return mm::frame_statistics().free_frames + mm::kernel_heap().statistics().pages_held;
}

struct Footprint {
    uint64_t frames;
    size_t heap_bytes;
    bool operator==(const Footprint&) const = default;
};

inline Footprint footprint()
{
    return { free_frames(), mm::kernel_heap().statistics().bytes_in_use };
}

template<typename Round>
void expect_no_trace(Round round)
{
    round();
    Footprint after_first = footprint();
    round();
    KTEST_EXPECT(footprint() == after_first);
}

} // namespace ktest_support
