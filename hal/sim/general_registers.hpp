// The x86_64 general registers as a panic report shows them, from whichever source.
//
// capture_registers() reads them with inline assembly, the fatal-signal handler from the
// signal's ucontext; both fill a GeneralRegisters and turn it into a hal::RegisterSet here,
// so the names and their order are written down once.
#pragma once
#include <hal/debug.hpp>

namespace sim {

struct GeneralRegisters {
    // The first fourteen in hal/x86_64_abi/general_registers.hpp's order, so they can be read
    // straight into `values`.
    enum Index : size_t {
        Rax, Rbx, Rcx, Rdx, Rsi, Rdi,
        R8, R9, R10, R11, R12, R13, R14, R15,
        Rbp, Rsp, Rip, Rflags,
        Count
    };
    uint64_t values[Count] {};

    // The instruction pointer and frame pointer come from Rip and Rbp.
    void to_register_set(hal::RegisterSet& registers) const;
};

} // namespace sim
