// Page faults: resolving the ones the memory manager expects, explaining the others.
//
// kernel_page_fault() (hal/boot.hpp, called by the HAL on every page fault) maps a fresh
// zeroed frame when a kernel access touches a not-yet-mapped page of a DemandZero region
// that allows that access; it refuses everything else (and logs why, if that is a lack of
// free frames), and the HAL then reports a trap.
// The panic report asks explain_fault() for the lines that say what the access was and
// which region it hit or missed, and ask stack_overflow_name() whether a stack pointer or
// a fault address lies in the guard page of a kernel stack (a "kernel stack overflow").
#pragma once
#include <hal/debug.hpp>
#include <kstd/format.hpp>
#include <kstd/optional.hpp>

namespace mm {

// Writes one line without a newline, e.g. "write by kernel mode at 0x1000: protection
// violation, inside region 'text' (kernel image, r-x)" or "..., in no region".
void explain_fault(kstd::Writer& out, uintptr_t address, const hal::PageFaultAccess& access);
// The name of the kernel stack whose guard page contains `address`, if any.
kstd::Optional<kstd::StringView> stack_overflow_name(uintptr_t address);

} // namespace mm
