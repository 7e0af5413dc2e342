// The yield ping-pong: two threads on one CPU pass a turn back and forth, and a thread
// waiting for the turn yields the CPU. Every pass is followed by one switch to the other
// thread, so the time between two passes is the cost of a yield that switches threads.
//
// The same loop runs as two Linux threads pinned to one CPU (sched_yield, in keel-bench)
// and as two Keel threads (sched::yield, in the benchmark kernel of tests/bench/kernel),
// which is why it is a header without a library under it: it needs only the compiler's
// atomics. The first and last WARM_UP_PASSES passes are left out of the figures, so
// starting and ending the threads are not counted.
#pragma once
#include <stdint.h>

namespace bench {

// Every side of the comparison plays the same games and keeps the best of them.
inline constexpr uint64_t PING_PONG_PASSES_PER_SIDE = 100'000;
inline constexpr int PING_PONG_GAMES = 3;

class PingPong {
public:
    static constexpr uint64_t WARM_UP_PASSES = 1000;

    // Each side passes the turn `passes_per_side` times (more than WARM_UP_PASSES).
    explicit PingPong(uint64_t passes_per_side) : m_passes_per_side(passes_per_side) {}

    // The body of side 0 or 1: `yield()` gives the CPU away, `read_cycles()` reads the
    // cycle counter. Side 0 has the turn first.
    template<typename Yield, typename ReadCycles>
    void play(unsigned side, Yield yield, ReadCycles read_cycles)
    {
        for (uint64_t pass = 0; pass < m_passes_per_side; ++pass) {
            while (__atomic_load_n(&m_turn, __ATOMIC_ACQUIRE) != side) {
                __atomic_store_n(&m_yields[side], m_yields[side] + 1, __ATOMIC_RELAXED);
                yield();
            }
            // Only the side holding the turn gets here, so the pass count needs no lock.
            uint64_t passes = ++m_passes;
            if (passes == WARM_UP_PASSES) {
                m_start_cycles = read_cycles();
                m_start_yields = total_yields();
            } else if (passes == total_passes() - WARM_UP_PASSES) {
                m_end_cycles = read_cycles();
                m_end_yields = total_yields();
            }
            __atomic_store_n(&m_turn, 1 - side, __ATOMIC_RELEASE);
        }
    }

    // The figures between the warm-up passes, once both sides have finished.
    uint64_t measured_switches() const { return total_passes() - 2 * WARM_UP_PASSES; }
    uint64_t measured_cycles() const { return m_end_cycles - m_start_cycles; }
    uint64_t measured_yields() const { return m_end_yields - m_start_yields; }

private:
    uint64_t total_passes() const { return 2 * m_passes_per_side; }
    uint64_t total_yields() const
    {
        return __atomic_load_n(&m_yields[0], __ATOMIC_RELAXED)
            + __atomic_load_n(&m_yields[1], __ATOMIC_RELAXED);
    }

    uint64_t m_passes_per_side;
    unsigned m_turn = 0;
    uint64_t m_passes = 0;
    uint64_t m_yields[2] = { 0, 0 }; // each written only by its own side
    uint64_t m_start_cycles = 0;
    uint64_t m_end_cycles = 0;
    uint64_t m_start_yields = 0;
    uint64_t m_end_yields = 0;
};

// Plays PING_PONG_GAMES games through `play_game(PingPong&)`, which returns false when it
// could not play one, and keeps the one with the fewest cycles in `best`.
template<typename PlayGame>
bool play_best_game(PingPong& best, PlayGame play_game)
{
    for (int number = 0; number < PING_PONG_GAMES; ++number) {
        PingPong game(PING_PONG_PASSES_PER_SIDE);
        if (!play_game(game))
            return false;
        if (number == 0 || game.measured_cycles() < best.measured_cycles())
            best = game;
    }
    return true;
}

} // namespace bench
