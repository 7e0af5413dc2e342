// The kernel's generator (see random.hpp).
#include <hal/cpu.hpp>
#include <hal/random.hpp>
#include <hal/timer.hpp>
#include <kstd/splitmix64.hpp>
#include <random/random.hpp>
#include <sync/interrupt_guard.hpp>

namespace krandom {
namespace {

uint64_t g_state[4] = {};
bool g_seeded = false;

uint64_t rotate_left(uint64_t value, int bits)
{
    return (value << bits) | (value >> (64 - bits));
}

uint64_t next()
{
    uint64_t result = rotate_left(g_state[1] * 5, 7) * 9;
    uint64_t shifted = g_state[1] << 17;
    g_state[2] ^= g_state[0];
    g_state[3] ^= g_state[1];
    g_state[1] ^= g_state[2];
    g_state[0] ^= g_state[3];
    g_state[2] ^= shifted;
    g_state[3] = rotate_left(g_state[3], 45);
    return result;
}

void mix(uint64_t entropy)
{
    uint64_t mixer = entropy;
    for (uint64_t& word : g_state)
        word ^= kstd::splitmix64(mixer);
    // xoshiro's one forbidden state is all zeros.
    if ((g_state[0] | g_state[1] | g_state[2] | g_state[3]) == 0)
        g_state[0] = 1;
    // A step, so that the same word stirred twice does not cancel out.
    next();
}

void seed_once()
{
    if (g_seeded)
        return;
    g_seeded = true;
    uint64_t hardware = 0;
    if (hal::hardware_random(hardware))
        mix(hardware);
    mix(hal::cycles());
    mix(hal::clock_ns());
}

} // namespace

void fill(kstd::Span<uint8_t> bytes)
{
    ksync::InterruptGuard guard;
    seed_once();
    for (size_t done = 0; done < bytes.size();) {
        uint64_t word = next();
        size_t count = bytes.size() - done < sizeof word ? bytes.size() - done : sizeof word;
        __builtin_memcpy(bytes.data() + done, &word, count);
        done += count;
    }
}

void stir(uint64_t entropy)
{
    ksync::InterruptGuard guard;
    seed_once();
    mix(entropy);
}

} // namespace krandom
