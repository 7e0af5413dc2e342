// The sim's physical memory: one memory file that the kernel treats as RAM.
//
// The RAM is a memfd as large as --mem (default 128 MiB), created on first use and mapped
// once, shared, at one host address. That mapping is what phys_to_virt() points into and
// virt_to_phys() undoes: it is the sim's direct map. Being a file, the same frames can be
// mapped a second time elsewhere, which is how kernel_window.cpp mirrors core's
// kernel-window pages. A memfd is sparse and not charged to the host's overcommit limit up
// front, so a large --mem costs nothing until the kernel touches its pages. Being shared,
// the RAM is also shared with a forked child (a "fast" death test's): what the child writes,
// its parent sees. The RAM is reported as one usable range starting at RAM_PHYSICAL_BASE,
// so physical address 0 stays invalid as on a PC, and it is all there is:
// physical_address_end() is its end.
//
// Core builds its kernel page tables in the sim too, so host tests can walk the same
// layout as on x86_64; direct_map_base() therefore names the x86_64 address. Nothing runs
// on those tables here: phys_to_virt() returns the host address, never
// direct_map_base() + physical. The sim's image is the host executable, which the host's
// loader already maps W^X (a write to its text is a SIGSEGV, a page fault, as on x86_64),
// so there are no image sections for core to map.
#include "ram.hpp"
#include "x86_64_abi/direct_map.hpp"
#include <sim_machine.hpp>

#include <hal/memory.hpp>
#include <kstd/verify.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <sys/mman.h>
#include <unistd.h>

namespace {

std::atomic<size_t> configured_ram_bytes { sim::DEFAULT_RAM_BYTES };
std::atomic<bool> ram_in_use { false };

[[noreturn]] void give_up(const char* what)
{
    perror(what);
    exit(1);
}

sim::Ram create_ram()
{
    ram_in_use.store(true);
    size_t length = configured_ram_bytes.load();
    // Close-on-exec: a reboot re-executes the simulator, which then makes fresh RAM.
    int file = memfd_create("keel-sim-ram", MFD_CLOEXEC);
    if (file < 0)
        give_up("keel-sim: cannot create the machine's RAM");
    if (ftruncate(file, off_t(length)) != 0)
        give_up("keel-sim: cannot size the machine's RAM");
    void* mapping = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, file, 0);
    if (mapping == MAP_FAILED)
        give_up("keel-sim: cannot map the machine's RAM");
    return { static_cast<uint8_t*>(mapping), length, file };
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

const Ram& ram()
{
    static const Ram created = create_ram();
    return created;
}

bool in_ram(uint64_t physical, uint64_t length)
{
    return physical >= RAM_PHYSICAL_BASE && physical - RAM_PHYSICAL_BASE <= ram().length
        && length <= ram().length - (physical - RAM_PHYSICAL_BASE);
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
    return { sim::RAM_PHYSICAL_BASE, sim::ram().length };
}

// An address outside the RAM is a kernel bug: there is nothing behind it in the sim.
void* phys_to_virt(uint64_t physical)
{
    VERIFY(sim::in_ram(physical, 1));
    return sim::ram().base + (physical - sim::RAM_PHYSICAL_BASE);
}

bool virt_to_phys(const void* address, uint64_t& physical)
{
    auto offset = reinterpret_cast<uintptr_t>(address) - reinterpret_cast<uintptr_t>(sim::ram().base);
    if (offset >= sim::ram().length) // also when the pointer is below the RAM (wraps)
        return false;
    physical = sim::RAM_PHYSICAL_BASE + offset;
    return true;
}

uint64_t reachable_physical_end()
{
    return physical_address_end();
}

uintptr_t direct_map_base()
{
    return hal::x86::DIRECT_MAP_BASE;
}

uint64_t physical_address_end()
{
    return sim::RAM_PHYSICAL_BASE + sim::ram().length;
}

size_t kernel_image_section_count()
{
    return 0;
}

ImageSection kernel_image_section(size_t)
{
    VERIFY_NOT_REACHED(); // there are none (see above)
}

} // namespace hal
