// The sim's RAM: one anonymous mapping that the kernel treats as physical memory.
//
// The region is mapped on first use with the size the front end chose (--mem, default
// 128 MiB) and reported as a single usable range starting at RAM_PHYSICAL_BASE, so physical
// address 0 stays invalid as on a PC. MAP_NORESERVE keeps a large --mem cheap until the
// kernel touches the pages. phys_to_virt() is then just an offset into the mapping.
#include <sim_machine.hpp>

#include <hal/memory.hpp>
#include <kstd/verify.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <sys/mman.h>

namespace {

std::atomic<size_t> configured_ram_bytes { sim::DEFAULT_RAM_BYTES };
std::atomic<bool> ram_in_use { false };

struct Ram {
    uint8_t* base;
    size_t length;
};

Ram map_ram()
{
    ram_in_use.store(true);
    size_t length = configured_ram_bytes.load();
    void* mapping = mmap(nullptr, length, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) {
        perror("keel-sim: cannot map the machine's RAM");
        exit(1);
    }
    return { static_cast<uint8_t*>(mapping), length };
}

const Ram& ram()
{
    static const Ram mapped = map_ram();
    return mapped;
}

} // namespace

namespace sim {

bool set_ram_size(size_t bytes)
{
    if (!valid_ram_size(bytes) || ram_in_use.load())
        return false;
    configured_ram_bytes.store(bytes);
    return true;
}

} // namespace sim

namespace hal {

size_t usable_memory_range_count()
{
    return 1;
}

MemoryRange usable_memory_range(size_t index)
{
    VERIFY(index < usable_memory_range_count());
    return { sim::RAM_PHYSICAL_BASE, ram().length };
}

// Addresses up to and including the end of the range translate, so one-past-the-end
// pointers work; anything else is a kernel bug and gets a null pointer.
void* phys_to_virt(uint64_t physical)
{
    const Ram& mapped = ram();
    if (physical < sim::RAM_PHYSICAL_BASE || physical - sim::RAM_PHYSICAL_BASE > mapped.length)
        return nullptr;
    return mapped.base + (physical - sim::RAM_PHYSICAL_BASE);
}

} // namespace hal
