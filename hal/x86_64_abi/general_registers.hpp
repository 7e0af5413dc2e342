// Reading the x86-64 general-purpose registers for a panic report.
//
// Shared by both targets (the sim is an x86-64 process too), so the register list and the
// assembly that reads it exist once. RBP, RSP and RIP are left out: what a report wants
// there is the caller's frame, which each target works out from its own frame.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace hal::x86 {

inline constexpr size_t GENERAL_REGISTER_COUNT = 14;
inline constexpr const char* GENERAL_REGISTER_NAMES[GENERAL_REGISTER_COUNT] = {
    "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
};

// Stores the registers, in GENERAL_REGISTER_NAMES order, into values[0..13]. Inlined, so
// the values are those of the function that calls it.
[[gnu::always_inline]] inline void read_general_registers(uint64_t* values)
{
    asm volatile("movq %%rax, 0(%0)\n\t"
                 "movq %%rbx, 8(%0)\n\t"
                 "movq %%rcx, 16(%0)\n\t"
                 "movq %%rdx, 24(%0)\n\t"
                 "movq %%rsi, 32(%0)\n\t"
                 "movq %%rdi, 40(%0)\n\t"
                 "movq %%r8, 48(%0)\n\t"
                 "movq %%r9, 56(%0)\n\t"
                 "movq %%r10, 64(%0)\n\t"
                 "movq %%r11, 72(%0)\n\t"
                 "movq %%r12, 80(%0)\n\t"
                 "movq %%r13, 88(%0)\n\t"
                 "movq %%r14, 96(%0)\n\t"
                 "movq %%r15, 104(%0)"
                 :
                 : "r"(values)
                 : "memory");
}

} // namespace hal::x86
