// hal/memory.hpp on x86_64: the usable RAM ranges, the direct map, and the MMU switch.
//
// Usable = what the multiboot2 memory map calls available, minus the first 1 MiB (BIOS
// data, EBDA, option ROMs), minus the kernel image (boot/linker.ld bounds) and whatever
// GRUB handed over (modules, the boot information), rounded inwards to whole 4 KiB pages.
// The direct map must cover all of it plus the firmware tables and devices below 4 GiB,
// so physical_address_end() is the higher of 4 GiB and the end of RAM. Until core
// switches to its own tables, only the first EARLY_MAPPING_SIZE bytes are reachable
// (layout.hpp). The image sections come from the linker script's bounds; the .boot
// sections are left out, so the 32-bit entry code is gone once core's tables run.
#include <hal/memory.hpp>

#include "bringup.hpp"
#include "cpu_registers.hpp"
#include "early_log.hpp"
#include "layout.hpp"
#include "multiboot.hpp"
#include <kstd/align.hpp>
#include <kstd/fixed_vector.hpp>
#include <kstd/verify.hpp>

namespace hal {
namespace {

constexpr uint64_t PAGE_SIZE = 4096;
constexpr uint64_t LOW_MEMORY_END = 1ull << 20;
constexpr uint64_t FOUR_GIB = 4ull << 30;
constexpr uint64_t DIRECT_MAP_GRANULE = 1ull << 30;
constexpr size_t MAX_USABLE_RANGES = 64;
// Beyond this many pages a TLB flush empties the whole TLB instead of invalidating page
// by page.
constexpr size_t MAX_PAGES_INVALIDATED_ONE_BY_ONE = 32;
constexpr uint64_t CR4_GLOBAL_PAGES = 1u << 7;

kstd::FixedVector<MemoryRange, MAX_USABLE_RANGES> g_usable;
uint64_t g_direct_map_end = x86::EARLY_MAPPING_SIZE;
uint64_t g_physical_address_end = FOUR_GIB;

uint64_t round_down(uint64_t value)
{
    return kstd::align_down(value, PAGE_SIZE);
}

uint64_t round_up(uint64_t value)
{
    return kstd::align_up(value, PAGE_SIZE);
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

uintptr_t address_of(const char* symbol)
{
    return reinterpret_cast<uintptr_t>(symbol);
}

ImageSection image_section(const char* name, const char* start, const char* end, bool writable,
                           bool executable)
{
    uintptr_t first = round_down(address_of(start));
    return { name, first, first - x86::KERNEL_VIRTUAL_BASE, round_up(address_of(end)) - first,
             writable, executable };
}

void invalidate_page(uintptr_t virtual_address)
{
    asm volatile("invlpg (%0)" : : "r"(virtual_address) : "memory");
}

void flush_tlb(uintptr_t virtual_start, size_t length)
{
    size_t pages = round_up(length) / PAGE_SIZE;
    if (pages > MAX_PAGES_INVALIDATED_ONE_BY_ONE) {
        // Reloading CR3 keeps global (kernel) entries; turning CR4.PGE off and on drops all.
        uint64_t cr4 = x86::read_cr4();
        x86::write_cr4(cr4 & ~CR4_GLOBAL_PAGES);
        x86::write_cr4(cr4);
        return;
    }
    for (size_t page = 0; page < pages; ++page)
        invalidate_page(virtual_start + page * PAGE_SIZE);
}

} // namespace

namespace x86 {

void memory_init(const BootInformation& boot_information)
{
    for (const MemoryRange& range : boot_information.available) {
        uint64_t base = range.base < LOW_MEMORY_END ? LOW_MEMORY_END : range.base;
        uint64_t end = range.base + range.length;
        add_usable(round_up(base), round_down(end));
        uint64_t mapped_end = kstd::align_up(end, DIRECT_MAP_GRANULE);
        if (mapped_end > g_physical_address_end)
            g_physical_address_end = mapped_end;
    }
    subtract(round_down(address_of(__kernel_physical_start)),
             round_up(address_of(__kernel_physical_end)));
    for (const MemoryRange& range : boot_information.reserved)
        subtract(round_down(range.base), round_up(range.base + range.length));
}

uint64_t direct_map_end()
{
    return g_direct_map_end;
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
    void* virtual_address = x86::direct_map_pointer(physical);
    VERIFY(virtual_address != nullptr);
    return virtual_address;
}

bool virt_to_phys(const void* address, uint64_t& physical)
{
    auto virtual_address = reinterpret_cast<uintptr_t>(address);
    if (virtual_address < x86::DIRECT_MAP_BASE
        || virtual_address - x86::DIRECT_MAP_BASE >= g_direct_map_end)
        return false;
    physical = virtual_address - x86::DIRECT_MAP_BASE;
    return true;
}

uint64_t reachable_physical_end()
{
    return g_direct_map_end;
}

uintptr_t direct_map_base()
{
    return x86::DIRECT_MAP_BASE;
}

uint64_t physical_address_end()
{
    return g_physical_address_end;
}

KernelWindow kernel_window()
{
    return { x86::KERNEL_WINDOW_BASE, x86::KERNEL_WINDOW_LENGTH };
}

size_t kernel_image_section_count()
{
    return 4;
}

ImageSection kernel_image_section(size_t index)
{
    VERIFY(index < kernel_image_section_count());
    static const ImageSection sections[] = {
        image_section("text", __text_start, __text_end, false, true),
        image_section("rodata", __rodata_start, __rodata_end, false, false),
        image_section("data", __data_start, __data_end, true, false),
        image_section("symbols", __ksymtab_start, __ksymtab_end, false, false),
    };
    return sections[index];
}

void mmu_activate(uint64_t root)
{
    x86::write_cr3(root);
    g_direct_map_end = g_physical_address_end;
}

void mmu_mapped(uintptr_t virtual_start, uint64_t, size_t length, bool, bool)
{
    flush_tlb(virtual_start, length);
}

void mmu_unmapped(uintptr_t virtual_start, size_t length)
{
    flush_tlb(virtual_start, length);
}

} // namespace hal
