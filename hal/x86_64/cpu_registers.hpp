// Reading the x86 control registers, RFLAGS and the time stamp counter.
//
// Private to hal/x86_64 (DESIGN.md: CR registers and MSRs never leak into core).
#pragma once
#include <stdint.h>

namespace hal::x86 {

inline constexpr uint64_t RFLAGS_INTERRUPT_ENABLE = 1u << 9;

inline uint64_t read_rflags()
{
    uint64_t rflags;
    asm volatile("pushfq; popq %0" : "=r"(rflags));
    return rflags;
}

inline uint64_t read_cr2()
{
    uint64_t value;
    asm volatile("movq %%cr2, %0" : "=r"(value));
    return value;
}

inline uint64_t read_cr3()
{
    uint64_t value;
    asm volatile("movq %%cr3, %0" : "=r"(value));
    return value;
}

inline void write_cr3(uint64_t value)
{
    asm volatile("movq %0, %%cr3" : : "r"(value) : "memory");
}

inline uint64_t read_cr4()
{
    uint64_t value;
    asm volatile("movq %%cr4, %0" : "=r"(value));
    return value;
}

inline void write_cr4(uint64_t value)
{
    asm volatile("movq %0, %%cr4" : : "r"(value) : "memory");
}

inline uint64_t read_time_stamp_counter()
{
    uint32_t low;
    uint32_t high;
    asm volatile("rdtsc" : "=a"(low), "=d"(high));
    return (static_cast<uint64_t>(high) << 32) | low;
}

} // namespace hal::x86
