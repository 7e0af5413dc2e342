// x86_64: a suspended context is just its stack pointer; the callee-saved registers and
// the resume address sit on that stack (see context_switch.S).
#pragma once
#include <stdint.h>
#include <type_traits>

namespace hal {
struct Context {
    uintptr_t stack_pointer = 0;
};
static_assert(!std::is_polymorphic_v<Context>);
} // namespace hal
