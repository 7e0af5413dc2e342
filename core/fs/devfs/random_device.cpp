// /dev/random: the kernel's generator (core/random), read and stirred by writes.
#include <fs/devfs/devices.hpp>
#include <random/random.hpp>

namespace fs {

RandomDevice::RandomDevice(Superblock& superblock, uint64_t number)
    : Device(superblock, number, "random", 0666, 1, 8)
{
}

kstd::Result<size_t> RandomDevice::read(uint64_t, kstd::Span<uint8_t> buffer)
{
    krandom::fill(buffer);
    return buffer.size();
}

kstd::Result<size_t> RandomDevice::write(uint64_t, kstd::Span<const uint8_t> data)
{
    for (size_t done = 0; done < data.size(); done += sizeof(uint64_t)) {
        uint64_t word = 0;
        size_t count = data.size() - done < sizeof word ? data.size() - done : sizeof word;
        __builtin_memcpy(&word, data.data() + done, count);
        krandom::stir(word);
    }
    return data.size();
}

} // namespace fs
