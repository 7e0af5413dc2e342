// What a leak would change, for the kernel tests' "leaves no trace" checks: the frames that
// are free or cached by the heap (which keeps some empty slabs), and the heap bytes in use.
//
// These are global counters, and the rest of the kernel runs while a test does: the async
// executor, timers, a detached thread freed by whoever runs next. Two ways keep a test's
// comparison to what the test itself did:
// - alone(body) runs a body that never blocks (mm's calls only take interrupt guards) with
//   interrupts off. The kernel has one CPU, so no other thread and no IRQ handler runs
//   until it returns, and the counters move only by the body's own calls. (A body that
//   blocked would let other threads run: join, sleep, a mutex, a file system call.)
// - expect_no_trace(round), for rounds that block, runs the round once to warm up (page
//   tables the kernel half keeps for good once made, object-cache slabs), then up to
//   ROUND_ATTEMPTS more times until one round leaves the footprint as it found it. A leak
//   changes it every round; something else in the kernel does so only now and then.
#pragma once
#include <console/print.hpp>
#include <ktest/ktest.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/mm.hpp>
#include <sync/interrupt_guard.hpp>

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

template<typename Body>
void alone(Body body)
{
    ksync::InterruptGuard nothing_else_runs;
    body();
}

inline constexpr int ROUND_ATTEMPTS = 4;

template<typename Round>
void expect_no_trace(Round round)
{
    round();
    for (int attempt = 0; attempt < ROUND_ATTEMPTS; ++attempt) {
        Footprint before = footprint();
        round();
        Footprint after = footprint();
        if (after == before)
            return;
        console::println("    round {}: free frames {} -> {}, heap bytes {} -> {}", attempt + 1, before.frames,
                         after.frames, before.heap_bytes, after.heap_bytes);
    }
    KTEST_EXPECT(!"every round changed the footprint");
}

} // namespace ktest_support
