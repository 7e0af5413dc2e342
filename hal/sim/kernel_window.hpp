// The sim's kernel window as the rest of hal/sim sees it (see kernel_window.cpp).
#pragma once
#include <stdint.h>

namespace sim {

// Whether `address` lies in hal::kernel_window(), where a fault may be core's to resolve.
bool in_kernel_window(uintptr_t address);
// The top-level table core last activated (hal::mmu_activate), 0 before the first: the
// user address space the copy routines reach.
uint64_t active_root();

} // namespace sim
