// The stacks hal/sim knows the bounds of, so a frame-pointer walk never leaves them.
//
// A backtrace may start on the CPU thread's own stack, on a context's stack (kernel test
// cases, later threads) or, when a fatal signal is being reported, on the signal stack.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace sim {

struct StackRange {
    uintptr_t low;  // lowest address
    uintptr_t high; // one past the highest address
    bool contains(uintptr_t address) const { return address >= low && address < high; }
};

// Records the calling thread's stack (done once on the CPU thread before the kernel runs,
// so a later backtrace from a signal handler needs no non-reentrant library call).
void remember_thread_stack();
// Called by context_switch: the stack the CPU is about to run on (nullptr when unknown).
void set_running_context_stack(const void* bottom, size_t size);
// The known stack containing `address`; false when it is on none of them.
bool find_stack(uintptr_t address, StackRange& range);

} // namespace sim
