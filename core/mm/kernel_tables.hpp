// The kernel's page tables: built once by mm::init, shared by every address space.
//
// Layout (addresses from the HAL, so the sim gets the same structure in its unenforced
// tables): the direct map of physical memory below hal::physical_address_end(), in 2 MiB
// pages where alignment allows, read/write, never executable, except that the aliases of
// the image's read-only sections are read-only there too; each kernel image section with
// W^X (text read+execute, rodata and the symbol table read-only, data and bss read/write,
// both no-execute); and the whole kernel half populated with its PDPTs, so a mapping added
// later (a kernel stack in the window) shows up in every address space that shares the
// half. Kernel mappings are global (they stay in the TLB across address-space switches).
// There is no identity map: a null pointer faults.
#pragma once
#include <mm/address_space.hpp>
#include <mm/page_table.hpp>

namespace mm {

// Builds the tables from `boot_frames` (frames the boot mapping reaches). Running out of
// memory here means the machine cannot run Keel at all, so it panics.
PageTable build_kernel_tables(FrameSource& boot_frames);
// Records the regions of build_kernel_tables() in the kernel's address space object.
kstd::Result<void> record_kernel_regions(AddressSpace& kernel);

} // namespace mm
