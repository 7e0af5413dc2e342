// hal/memory.hpp on x86_64: the usable RAM ranges and the physical-to-virtual translation.
//
// Usable = what the multiboot2 memory map calls available, minus the first 1 MiB (BIOS
// data, EBDA, option ROMs), minus the kernel image (boot/linker.ld bounds) and whatever
// GRUB handed over (modules, the boot information), rounded inwards to whole 4 KiB pages.
// Limitation: only the early boot mapping exists (the first 1 GiB at 0xFFFFFFFF80000000,
// see layout.hpp), so ranges are clipped to 1 GiB and phys_to_virt only works below it.
// The memory subsystem will add a direct map of all RAM and lift both limits.
#include <hal/memory.hpp>

#include "bringup.hpp"
#include "early_log.hpp"
#include "layout.hpp"
#include "multiboot.hpp"
#include <kstd/fixed_vector.hpp>
#include <kstd/verify.hpp>

namespace hal {
namespace {

constexpr uint64_t PAGE_SIZE = 4096;
constexpr uint64_t LOW_MEMORY_END = 1ull << 20;
constexpr size_t MAX_USABLE_RANGES = 64;

kstd::FixedVector<MemoryRange, MAX_USABLE_RANGES> g_usable;

uint64_t round_down(uint64_t value)
{
    return value & ~(PAGE_SIZE - 1);
}

uint64_t round_up(uint64_t value)
{
    return round_down(value + PAGE_SIZE - 1);
}

void add_usable(uint64_t base, uint64_t end)
{
    if (base >= end)
        return;
    if (!g_usable.try_append({ base, end - base }))
        x86::early_log("memory: too many usable ranges, ignoring the rest");
}

// Cuts [hole_base, hole_end) out of every usable range, splitting ranges it falls inside.
void subtract(uint64_t hole_base, uint64_t hole_end)
{
    MemoryRange original[MAX_USABLE_RANGES];
    size_t original_count = 0;
    for (const MemoryRange& range : g_usable)
        original[original_count++] = range;
    g_usable.clear();
    for (size_t i = 0; i < original_count; ++i) {
        uint64_t base = original[i].base;
        uint64_t end = base + original[i].length;
        if (hole_end <= base || hole_base >= end) {
            add_usable(base, end);
            continue;
        }
        add_usable(base, hole_base);
        add_usable(hole_end, end);
    }
}

} // namespace

namespace x86 {

void memory_init(const BootInformation& boot_information)
{
    for (const MemoryRange& range : boot_information.available) {
        uint64_t base = range.base < LOW_MEMORY_END ? LOW_MEMORY_END : range.base;
        uint64_t end = range.base + range.length;
        if (end > EARLY_MAPPING_SIZE)
            end = EARLY_MAPPING_SIZE;
        add_usable(round_up(base), round_down(end));
    }
    subtract(round_down(reinterpret_cast<uintptr_t>(__kernel_physical_start)),
             round_up(reinterpret_cast<uintptr_t>(__kernel_physical_end)));
    for (const MemoryRange& range : boot_information.reserved)
        subtract(round_down(range.base), round_up(range.base + range.length));
}

} // namespace x86

size_t usable_memory_range_count()
{
    return g_usable.size();
}

MemoryRange usable_memory_range(size_t index)
{
    return g_usable[index];
}

void* phys_to_virt(uint64_t physical)
{
    void* virtual_address = x86::early_phys_to_virt(physical);
    VERIFY(virtual_address != nullptr);
    return virtual_address;
}

} // namespace hal
