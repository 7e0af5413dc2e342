// sim: a suspended context is its stack pointer (the same register switch as on x86_64)
// plus what the sanitizers need to follow a stack switch.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <type_traits>

namespace hal {
struct Context {
    uintptr_t stack_pointer = 0;
    const void* stack_bottom = nullptr; // lowest address of the stack, for ASan
    size_t stack_size = 0;
    void* tsan_fiber = nullptr;         // TSan's fiber handle
    bool owns_tsan_fiber = false;       // created by context_init, not the thread's own
};
static_assert(!std::is_polymorphic_v<Context>);
} // namespace hal
