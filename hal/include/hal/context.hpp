// HAL: execution contexts (the register state of a suspended flow of control).
//
// context_switch saves the callee-saved registers and stack pointer of the running flow in
// `from` and resumes `to`. Both targets switch real stacks; the sim tells ASan and TSan
// about each switch. Used by the kernel test runner today and by threads later.
#pragma once
#include <hal/arch/context.hpp>
#include <stddef.h>

namespace hal {

using ContextEntry = void (*)(void* argument);

// Prepares `context` so that the first switch to it calls entry(argument) on the given
// stack. entry must never return.
void context_init(Context& context, void* stack_base, size_t stack_size, ContextEntry entry,
                  void* argument);
void context_switch(Context& from, Context& to);
// Forgets a context that will never run again (its thread exited): the sim releases what
// it told the sanitizers about it; bare metal has nothing to release.
void context_destroy(Context& context);

} // namespace hal
