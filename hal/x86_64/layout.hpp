// Where things sit in the x86_64 kernel's virtual address space (see boot/linker.ld).
//
//   0xFFFF'8000'0000'0000  the direct map: physical address P is at DIRECT_MAP_BASE + P
//   0xFFFF'C000'0000'0000  the kernel window (kernel stacks, demand-zero regions), 64 GiB
//   0xFFFF'FFFF'8000'0000  the kernel image (linked here, loaded at physical 1 MiB)
//
// boot/entry32.S starts with the first EARLY_MAPPING_SIZE bytes of physical memory
// mapped at 0 (while it runs there), at KERNEL_VIRTUAL_BASE (for the image) and at
// DIRECT_MAP_BASE. core/mm then builds the real tables: the direct map of everything
// below hal::physical_address_end(), the image with W^X, no identity map. Until
// mmu_activate() switches to them, the direct map ends at EARLY_MAPPING_SIZE
// (direct_map_end() says where it ends now).
#pragma once
#include "x86_64_abi/direct_map.hpp"
#include <stdint.h>

namespace hal::x86 {
inline constexpr uint64_t KERNEL_WINDOW_BASE = 0xFFFF'C000'0000'0000;
inline constexpr uint64_t KERNEL_WINDOW_LENGTH = 64ull << 30;
inline constexpr uint64_t KERNEL_VIRTUAL_BASE = 0xFFFF'FFFF'8000'0000;
inline constexpr uint64_t EARLY_MAPPING_SIZE = 1ull << 30;

// The end of the physical memory the direct map currently covers (memory.cpp).
uint64_t direct_map_end();

// The kernel's address for the `length` bytes from `physical`: nullptr unless all of them
// are inside the direct map as it is now.
inline void* direct_map_pointer(uint64_t physical, uint64_t length = 1)
{
    uint64_t end = direct_map_end();
    if (physical >= end || length > end - physical)
        return nullptr;
    return reinterpret_cast<void*>(physical + DIRECT_MAP_BASE);
}

} // namespace hal::x86

// Bounds exported by boot/linker.ld; only their addresses are meaningful.
extern "C" char __kernel_physical_start[];
extern "C" char __kernel_physical_end[];
extern "C" char __text_start[];
extern "C" char __text_end[];
extern "C" char __rodata_start[];
extern "C" char __rodata_end[];
extern "C" char __data_start[];
extern "C" char __data_end[];
extern "C" char __ksymtab_start[];
extern "C" char __ksymtab_end[];
