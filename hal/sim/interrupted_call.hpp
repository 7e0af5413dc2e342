// Making the code a signal interrupted "call" a function, as a CPU does when it takes an
// exception or an interrupt.
//
// A signal handler on the CPU thread that wants the kernel to run something at the point
// where it was interrupted (fatal_signals.cpp for a trap, interrupt_entry.cpp for an IRQ)
// must not run it inside the handler: the host, ASan and TSan would all see kernel code,
// maybe a thread switch, in a signal handler. Instead it rewrites the signal's saved
// context so that, once the handler has returned normally, the interrupted code continues
// in that function as if it had called it from the interrupted instruction: the
// instruction's address is pushed as the return address, on a stack the caller picks.
// The handler must run on the alternate signal stack (SA_ONSTACK) when that is the
// interrupted stack: the host puts the signal frame, which sigreturn reads back, right
// below the interrupted code's red zone.
#pragma once
#include "red_zone.hpp"

#include <stdint.h>
#include <ucontext.h>

namespace sim {

// Where a call made with the stack ending at `top` puts its return address: as right after
// a call, RSP is then 8 below a 16-byte boundary.
inline uintptr_t return_address_slot_below(uintptr_t top)
{
    return (top & ~uintptr_t(15)) - sizeof(uint64_t);
}

// Rewrites the interrupted registers (the ucontext's gregs) so that the interrupted code
// "calls" `function` with its return address at `return_slot`, below the red zone (from
// return_address_slot_below() for a function that expects the alignment a call gives it).
// The `stack_bytes` below the slot, which the call will run on, are unpoisoned for ASan
// first: frames abandoned there (by an earlier trap, say) may have left ASan's stack
// poisoning behind. The caller makes sure they lie in the stack.
void make_interrupted_code_call(greg_t* gregs, uintptr_t return_slot, uintptr_t stack_bytes,
                                void (*function)());

} // namespace sim
