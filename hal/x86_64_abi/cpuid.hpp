// CPUID, read the same way on both targets (the sim is an x86-64 process too): a leaf
// above the highest one the CPU has (basic or extended) reads as zeros, as Linux's
// cpuid_count callers expect, instead of the CPU's answer for its highest leaf.
#pragma once
#include <hal/cpu.hpp>

#include <cpuid.h>

namespace hal::x86 {

inline CpuidResult read_cpuid(uint32_t leaf, uint32_t subleaf)
{
    CpuidResult result {};
    if (__get_cpuid_max(leaf & 0x8000'0000u, nullptr) < leaf)
        return result;
    __cpuid_count(leaf, subleaf, result.eax, result.ebx, result.ecx, result.edx);
    return result;
}

} // namespace hal::x86
