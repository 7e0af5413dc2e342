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
#include <stddef.h>

namespace hal {

// The kernel command line (GRUB's multiboot2 command line; the sim's --cmdline).
const char* boot_cmdline();

// Bytes the boot loader handed over with the kernel, unchecked (their format is core's
// business).
struct BootImage {
    const void* data;
    size_t size;
};
// The initial RAM disk: on x86_64 the first multiboot2 module GRUB loaded, in the sim the
// contents of the --initrd file; {nullptr, 0} when there is none. The bytes stay valid for
// as long as the kernel runs (on x86_64 the module is never handed out as usable RAM).
// x86_64 reaches them through the direct map, so the call must come after mmu_activate()
// (before it, phys_to_virt()'s reach may end below the module: a VERIFY fails).
BootImage boot_initrd();

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
