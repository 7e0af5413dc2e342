// HAL: the processor itself.
#pragma once
#include <stdint.h>

namespace hal {

// Enables interrupts and sleeps until one has been handled (sti; hlt / wait for a
// pending IRQ in the sim). Returns with interrupts enabled.
void cpu_idle();
// Stops the processor for good with interrupts disabled.
[[noreturn]] void cpu_halt();
// A hint inside spin loops (pause).
void cpu_relax();
unsigned cpu_id();
// A cycle counter (rdtsc); only differences are meaningful.
uint64_t cycles();

// What the CPUID instruction answers for `leaf` and `subleaf` (/proc/cpuinfo). Both
// targets run on an x86_64 CPU: the sim asks the host's. All zero for a leaf above the
// highest the CPU has (of its range: basic, or 0x8000'0000 and up).
struct CpuidResult {
    uint32_t eax, ebx, ecx, edx;
};
CpuidResult cpuid(uint32_t leaf, uint32_t subleaf = 0);

} // namespace hal
