// Where the x86_64 kernel's direct map of physical memory starts: PML4 entry 256, the first
// address of the higher half. hal/x86_64 maps RAM there; the sim reports the same base so
// core builds the same layout in its (unenforced) tables.
#pragma once
#include <stdint.h>

namespace hal::x86 {

inline constexpr uint64_t DIRECT_MAP_BASE = 0xFFFF'8000'0000'0000;

} // namespace hal::x86
