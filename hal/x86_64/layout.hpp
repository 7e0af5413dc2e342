// Where the kernel image sits in physical and virtual memory (see boot/linker.ld).
//
// boot/entry32.S maps the first EARLY_MAPPING_SIZE bytes of physical memory twice: at 0
// and at KERNEL_VIRTUAL_BASE. Until the memory subsystem builds a direct map, that window
// is all the physical memory the kernel can reach, so hal::phys_to_virt and the usable
// memory ranges are limited to it.
#pragma once
#include <stdint.h>

namespace hal::x86 {

inline constexpr uint64_t KERNEL_VIRTUAL_BASE = 0xFFFF'FFFF'8000'0000;
inline constexpr uint64_t EARLY_MAPPING_SIZE = 1ull << 30;

// The kernel's address for a physical address inside the early window, else nullptr.
inline void* early_phys_to_virt(uint64_t physical)
{
    if (physical >= EARLY_MAPPING_SIZE)
        return nullptr;
    return reinterpret_cast<void*>(physical + KERNEL_VIRTUAL_BASE);
}

// The same for the `length` bytes from `physical`: nullptr unless all of them are inside.
inline void* early_phys_to_virt(uint64_t physical, uint64_t length)
{
    if (physical >= EARLY_MAPPING_SIZE || length > EARLY_MAPPING_SIZE - physical)
        return nullptr;
    return early_phys_to_virt(physical);
}

} // namespace hal::x86

// Bounds exported by boot/linker.ld; only their addresses are meaningful.
extern "C" char __kernel_physical_start[];
extern "C" char __kernel_physical_end[];
extern "C" char __text_start[];
extern "C" char __text_end[];
