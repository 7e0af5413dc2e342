// HAL <-> core entry points.
//
// Each target brings its machine up (x86_64: boot/ and hal/x86_64; sim: sim/main.cpp) and
// then calls kernel_main() once, with interrupts disabled. The HAL calls kernel_trap() for a
// CPU exception it cannot handle. Before reporting a page fault, it offers it to
// kernel_page_fault(), which resolves what the memory manager can (a demand-zero page) and
// returns true when the faulting access may simply be retried. All three are defined by
// core.
#pragma once
#include <hal/debug.hpp>

namespace hal {

// The kernel command line (GRUB's multiboot2 command line; the sim's --cmdline).
const char* boot_cmdline();
// A short name for the machine, e.g. "x86_64" or "sim".
const char* machine_name();

} // namespace hal

[[noreturn]] void kernel_main();
[[noreturn]] void kernel_trap(const hal::Trap& trap);
bool kernel_page_fault(uintptr_t address, const hal::PageFaultAccess& access);
// Called by the HAL after an IRQ handler returned IrqResult::Reschedule, once the
// controller is acknowledged: with interrupts disabled, on the interrupted flow's own stack
// and in ordinary code (never inside a host signal handler in the sim), just before the
// interrupted code resumes. It may switch to another thread; the interrupted code resumes
// when the scheduler switches back.
void kernel_reschedule();
