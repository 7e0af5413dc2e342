// /dev/random: xoshiro256** seeded from what the machine offers (see devices.hpp).
//
// Every source of entropy, the seed at mount and each written word, goes through
// splitmix64 into each state word in turn, so even a weak seed (QEMU's TCG CPU has no
// RDRAND, and then only the cycle counter and the clock vary) spreads over all 256 bits.
#include <fs/devfs/devices.hpp>
#include <hal/cpu.hpp>
#include <hal/random.hpp>
#include <hal/timer.hpp>
#include <kstd/splitmix64.hpp>

namespace fs {

namespace {
uint64_t rotate_left(uint64_t value, int bits)
{
    return (value << bits) | (value >> (64 - bits));
}
} // namespace

RandomDevice::RandomDevice(Superblock& superblock, uint64_t number)
    : Device(superblock, number, "random", 0666, 1, 8)
{
    uint64_t hardware = 0;
    if (hal::hardware_random(hardware))
        stir(hardware);
    stir(hal::cycles());
    stir(hal::clock_ns());
}

void RandomDevice::stir(uint64_t entropy)
{
    uint64_t mixer = entropy;
    for (uint64_t& word : m_state)
        word ^= kstd::splitmix64(mixer);
    // xoshiro's one forbidden state is all zeros.
    if ((m_state[0] | m_state[1] | m_state[2] | m_state[3]) == 0)
        m_state[0] = 1;
    // A step, so that the same word stirred twice does not cancel out.
    next();
}

uint64_t RandomDevice::next()
{
    uint64_t result = rotate_left(m_state[1] * 5, 7) * 9;
    uint64_t shifted = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= shifted;
    m_state[3] = rotate_left(m_state[3], 45);
    return result;
}

kstd::Result<size_t> RandomDevice::read(uint64_t, kstd::Span<uint8_t> buffer)
{
    for (size_t done = 0; done < buffer.size();) {
        uint64_t word = next();
        size_t count = buffer.size() - done < sizeof word ? buffer.size() - done : sizeof word;
        __builtin_memcpy(buffer.data() + done, &word, count);
        done += count;
    }
    return buffer.size();
}

kstd::Result<size_t> RandomDevice::write(uint64_t, kstd::Span<const uint8_t> data)
{
    for (size_t done = 0; done < data.size(); done += sizeof(uint64_t)) {
        uint64_t word = 0;
        size_t count = data.size() - done < sizeof word ? data.size() - done : sizeof word;
        __builtin_memcpy(&word, data.data() + done, count);
        stir(word);
    }
    return data.size();
}

} // namespace fs
