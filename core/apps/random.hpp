// apps::Random: the games' seeded pseudo-random source (xorshift64*, seeded by splitmix64).
//
//     apps::Random random(hal::cycles());      // real play
//     apps::Random random(42);                 // a test: the same game every time
//     uint32_t column = random.below(width);
//
// Every random choice a game makes (where food appears, how high a pipe's gap sits) comes
// from one of these, so a game started from the same seed and fed the same inputs on the
// same ticks plays out exactly the same way: the unit tests and the end-to-end test's
// `--seed` rely on that. The seed goes through splitmix64 first, so small neighbouring
// seeds (1, 2, 3) still give unrelated streams, and zero (a fixed point of xorshift) is
// never the state. Fast and small, not for anything that must be unpredictable.
#pragma once
#include <kstd/splitmix64.hpp>
#include <stdint.h>

namespace apps {

class Random {
public:
    explicit constexpr Random(uint64_t seed) : m_state(spread(seed)) {}

    constexpr uint64_t next()
    {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 0x2545F4914F6CDD1DULL;
    }

    // A number in [0, bound), bound > 0 (Lemire's multiply-shift: no division, a bias
    // below 2^-32 that no game can notice).
    constexpr uint32_t below(uint32_t bound) { return uint32_t(((next() >> 32) * bound) >> 32); }

private:
    // The seed through splitmix64; zero, xorshift's fixed point, is never the state.
    static constexpr uint64_t spread(uint64_t seed)
    {
        uint64_t mixed = kstd::splitmix64(seed);
        return mixed != 0 ? mixed : 0x9E3779B97F4A7C15ULL;
    }

    uint64_t m_state;
};

} // namespace apps
