// The x86-64 general-purpose registers of a panic report: their names, their order, and
// reading them.
//
// Shared by both targets (the sim is an x86-64 process too), so the register list and the
// assembly that reads it exist once. A report shows RAX to R15, then RBP, RSP, RIP and
// RFLAGS (hal/x86_64 appends CS and CR3). RBP, RSP and RIP are the caller's: what a report
// wants there is the frame of whoever asked for the registers, which read_caller_frame()
// works out from the frame of the function that reads them.
#pragma once
#include <hal/debug.hpp>
#include <stddef.h>
#include <stdint.h>

namespace hal::x86 {

struct GeneralRegisters {
    enum Index : size_t {
        Rax, Rbx, Rcx, Rdx, Rsi, Rdi,
        R8, R9, R10, R11, R12, R13, R14, R15,
        Rbp, Rsp, Rip, Rflags,
        Count
    };
    // read_general_registers() stores RAX to R15 into values[0..13], in this order.
    static_assert(Rax == 0 && R15 == 13);

    uint64_t values[Count] {};

    // Names all Count registers in `registers`; the instruction pointer and frame pointer
    // come from Rip and Rbp.
    void to_register_set(RegisterSet& registers) const;
};

inline constexpr const char* GENERAL_REGISTER_NAMES[GeneralRegisters::Count] = {
    "RAX", "RBX", "RCX", "RDX", "RSI", "RDI",
    "R8",  "R9",  "R10", "R11", "R12", "R13", "R14", "R15",
    "RBP", "RSP", "RIP", "RFLAGS",
};
static_assert(GeneralRegisters::Count <= RegisterSet::MAX_REGISTERS);

inline void GeneralRegisters::to_register_set(RegisterSet& registers) const
{
    for (size_t index = 0; index < Count; ++index)
        registers.registers[index] = { GENERAL_REGISTER_NAMES[index], values[index] };
    registers.count = Count;
    registers.instruction_pointer = values[Rip];
    registers.frame_pointer = values[Rbp];
    registers.stack_pointer = values[Rsp];
}

// Stores RAX to R15 into registers.values[Rax..R15]. Inlined, so the values are those of
// the function that calls it.
[[gnu::always_inline]] inline void read_general_registers(GeneralRegisters& registers)
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
                 : "r"(registers.values)
                 : "memory");
}

// Stores the caller's RBP, RSP and RIP into registers.values[Rbp], [Rsp] and [Rip]: the
// frame pointer and stack pointer the function that calls this will return to, and where
// it returns. Inlined, so it reads that function's own frame record (saved RBP, then the
// return address); with frame pointers, the caller's RSP is just above that record.
[[gnu::always_inline]] inline void read_caller_frame(GeneralRegisters& registers)
{
    auto* frame = static_cast<const uintptr_t*>(__builtin_frame_address(0));
    registers.values[GeneralRegisters::Rbp] = frame[0];
    registers.values[GeneralRegisters::Rip] = frame[1];
    registers.values[GeneralRegisters::Rsp] = reinterpret_cast<uintptr_t>(frame + 2);
}

} // namespace hal::x86
