// The first frame of a new context, as context_switch.S pops it.
//
// Shared by both targets: the sim compiles the same context_switch.S (an x86-64 SysV
// stack switch is the same on bare metal and in a Linux process). keel_context_switch
// pops six callee-saved registers and "returns" into keel_context_trampoline, which
// clears RBP (ending backtraces) and calls R12(R13).
#pragma once
#include <stddef.h>
#include <stdint.h>

extern "C" void keel_context_switch(uintptr_t* save_stack_pointer, uintptr_t new_stack_pointer);
extern "C" void keel_context_trampoline();

namespace hal::x86 {

// The slots keel_context_switch pops, lowest address first.
struct InitialContextFrame {
    uint64_t r15, r14, r13, r12, rbx, rbp;
    uint64_t return_address;
};
static_assert(sizeof(InitialContextFrame) == 7 * 8);

// The end of the stack [base, base + size) rounded down to 16 bytes: where a new
// context's stack starts growing down.
inline uintptr_t aligned_stack_top(void* base, size_t size)
{
    return (reinterpret_cast<uintptr_t>(base) + size) & ~uintptr_t { 15 };
}

// Writes the frame just below `frame_top`, which must be 16-byte aligned so that `function`
// starts with the stack alignment the ABI promises; returns the new context's stack
// pointer.
inline uintptr_t push_initial_context_frame(uintptr_t frame_top, void (*function)(void*), void* argument)
{
    auto* frame = reinterpret_cast<InitialContextFrame*>(frame_top - sizeof(InitialContextFrame));
    *frame = InitialContextFrame {
        .r15 = 0,
        .r14 = 0,
        .r13 = reinterpret_cast<uint64_t>(argument),
        .r12 = reinterpret_cast<uint64_t>(function),
        .rbx = 0,
        .rbp = 0,
        .return_address = reinterpret_cast<uint64_t>(&keel_context_trampoline),
    };
    return reinterpret_cast<uintptr_t>(frame);
}

} // namespace hal::x86
