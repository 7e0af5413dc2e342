// HAL: physical memory and the MMU as the machine reports and runs them.
//
// Physical memory: x86_64 takes the usable ranges from the multiboot2 memory map, minus the
// first 1 MiB, the kernel image and boot modules; the sim reports its one RAM region (size
// from --mem). The page-table *layout* is core code (core/mm/page_table.hpp) that both
// targets build; the HAL only reports what core must map, switches to a finished set of
// tables, and hears about each change:
//   - the direct map: all physical memory below physical_address_end() at
//     direct_map_base() (2 MiB pages, read/write, no execute);
//   - the kernel image sections with their W^X protections (x86_64; the sim's image is a
//     host executable that its loader already maps W^X, so it reports none);
//   - the kernel window: kernel virtual addresses that core maps page by page (kernel
//     stacks with guard pages, demand-zero regions). The sim cannot make the host CPU walk
//     Keel's tables, so its window is a host reservation in which it mirrors every page
//     core maps there (mmu_mapped/mmu_unmapped) onto the same RAM frame: a guard page or
//     a demand-zero page really faults in both targets. (The sim's window is host memory,
//     so it lies in the lower half; each mirrored run of pages is a host mapping, bounded
//     by the host's vm.max_map_count.)
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace hal {

struct MemoryRange {
    uint64_t base;
    uint64_t length;
};

size_t usable_memory_range_count();
// Requires index < usable_memory_range_count(); any other index fails a VERIFY.
MemoryRange usable_memory_range(size_t index);

// The kernel's address for a physical address below reachable_physical_end(); VERIFY-fails
// beyond it.
void* phys_to_virt(uint64_t physical);
// The physical address of a kernel pointer obtained from phys_to_virt; false when the
// pointer is not in the direct map.
bool virt_to_phys(const void* address, uint64_t& physical);
// Where phys_to_virt stops working: before mmu_activate() on x86_64, the early boot window
// (1 GiB); afterwards, and always in the sim, physical_address_end().
uint64_t reachable_physical_end();

// --- What core's kernel page tables must contain ---
uintptr_t direct_map_base();
// RAM, firmware tables and legacy device memory all lie below this.
uint64_t physical_address_end();

struct KernelWindow {
    uintptr_t base;
    size_t length;
};
KernelWindow kernel_window();

struct ImageSection {
    const char* name; // "text", "rodata", "data"
    uintptr_t virtual_start;
    uint64_t physical_start;
    size_t length; // whole pages
    bool writable;
    bool executable;
};
size_t kernel_image_section_count();
ImageSection kernel_image_section(size_t index);

// --- Running the tables ---
// Switches the CPU to the tables whose top level is at `root` (x86_64: CR3); the sim only
// remembers it.
void mmu_activate(uint64_t root);
// Core just mapped (or remapped) [virtual_start, +length) in the kernel half onto the
// physical pages from physical_start: x86_64 flushes the TLB entries; the sim mirrors the
// pages if they are in its window.
void mmu_mapped(uintptr_t virtual_start, uint64_t physical_start, size_t length, bool writable,
                bool executable);
// Core just unmapped [virtual_start, +length): flush, or in the sim make the pages fault.
void mmu_unmapped(uintptr_t virtual_start, size_t length);

} // namespace hal
