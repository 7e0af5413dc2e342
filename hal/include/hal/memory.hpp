// HAL: physical memory as the machine reports it.
//
// x86_64 takes the usable ranges from the multiboot2 memory map, minus the kernel image and
// boot modules; the sim reports its one mmap'd RAM region (size from --mem).
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
// The kernel's address for a physical address inside a usable range.
void* phys_to_virt(uint64_t physical);

} // namespace hal
