// HAL: what a panic report needs from the machine: registers, a stack walk, symbol names.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace hal {

struct RegisterSet {
    static constexpr size_t MAX_REGISTERS = 24;
    struct Register {
        const char* name;
        uint64_t value;
    };
    Register registers[MAX_REGISTERS];
    size_t count = 0;
    uintptr_t instruction_pointer = 0;
    uintptr_t frame_pointer = 0;
    uintptr_t stack_pointer = 0;
};

// What a page fault was doing (decoded from the x86 error code, or the sim's REG_ERR).
struct PageFaultAccess {
    bool write;     // else a read (or an instruction fetch)
    bool execute;   // an instruction fetch
    bool user;      // from user mode
    bool protection; // the page was present: a protection violation, not a missing page
};

// Describes a CPU exception (or, in the sim, a fatal signal) that core must report.
struct Trap {
    const char* name;         // "Page Fault", "Divide Error", "SIGSEGV", ...
    uint64_t vector;          // exception vector or signal number
    bool has_error_code;
    uint64_t error_code;
    bool has_fault_address;   // CR2 / si_addr
    uint64_t fault_address;
    bool is_page_fault;       // then `access` says what the faulting access was
    PageFaultAccess access;
    RegisterSet registers;
};

// Fills `registers` with the caller's registers.
void capture_registers(RegisterSet& registers);
// Walks the frame-pointer chain starting at frame_pointer; returns how many return
// addresses were stored in `return_addresses`.
size_t backtrace(uintptr_t frame_pointer, uintptr_t* return_addresses, size_t max);

struct Symbol {
    const char* name; // not owned; valid for the life of the kernel
    uintptr_t offset; // address - symbol start
};
// Names the function containing `address`; false when unknown.
bool symbolize(uintptr_t address, Symbol& symbol);

} // namespace hal
