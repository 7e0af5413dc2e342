// Reading and writing the x86 control registers, model-specific registers, RFLAGS and the
// time stamp counter.
//
// Private to hal/x86_64 (DESIGN.md: CR registers and MSRs never leak into core).
#pragma once
#include <stdint.h>

namespace hal::x86 {

// RFLAGS bits (Intel SDM vol. 1, 3.4.3).
inline constexpr uint64_t RFLAGS_CARRY = 1u << 0;
inline constexpr uint64_t RFLAGS_RESERVED_ONE = 1u << 1; // always set
inline constexpr uint64_t RFLAGS_PARITY = 1u << 2;
inline constexpr uint64_t RFLAGS_AUXILIARY_CARRY = 1u << 4;
inline constexpr uint64_t RFLAGS_ZERO = 1u << 6;
inline constexpr uint64_t RFLAGS_SIGN = 1u << 7;
inline constexpr uint64_t RFLAGS_TRAP = 1u << 8;
inline constexpr uint64_t RFLAGS_INTERRUPT_ENABLE = 1u << 9;
inline constexpr uint64_t RFLAGS_DIRECTION = 1u << 10;
inline constexpr uint64_t RFLAGS_OVERFLOW = 1u << 11;
inline constexpr uint64_t RFLAGS_IO_PRIVILEGE = 3u << 12;
inline constexpr uint64_t RFLAGS_NESTED_TASK = 1u << 14;
inline constexpr uint64_t RFLAGS_RESUME = 1u << 16;
inline constexpr uint64_t RFLAGS_VIRTUAL_8086 = 1u << 17;
inline constexpr uint64_t RFLAGS_ALIGNMENT_CHECK = 1u << 18;
inline constexpr uint64_t RFLAGS_ID = 1u << 21;

inline uint64_t read_rflags()
{
    uint64_t rflags;
    asm volatile("pushfq; popq %0" : "=r"(rflags));
    return rflags;
}

inline uint64_t read_cr0()
{
    uint64_t value;
    asm volatile("movq %%cr0, %0" : "=r"(value));
    return value;
}

inline void write_cr0(uint64_t value)
{
    asm volatile("movq %0, %%cr0" : : "r"(value) : "memory");
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

inline uint64_t read_msr(uint32_t msr)
{
    uint32_t low;
    uint32_t high;
    asm volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
    return (static_cast<uint64_t>(high) << 32) | low;
}

inline void write_msr(uint32_t msr, uint64_t value)
{
    asm volatile("wrmsr"
                 :
                 : "c"(msr), "a"(static_cast<uint32_t>(value)), "d"(static_cast<uint32_t>(value >> 32))
                 : "memory");
}

inline uint64_t read_time_stamp_counter()
{
    uint32_t low;
    uint32_t high;
    asm volatile("rdtsc" : "=a"(low), "=d"(high));
    return (static_cast<uint64_t>(high) << 32) | low;
}

} // namespace hal::x86
