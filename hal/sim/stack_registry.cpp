// Stack bounds for the frame-pointer walk (see stack_registry.hpp).
//
// The thread's stack comes from pthread_getattr_np(), cached per thread; the running
// context's stack is whatever context_switch() said it switched to; the signal stack is
// asked of the kernel with sigaltstack(), which is async-signal-safe.
#include "stack_registry.hpp"

#include <csignal>
#include <pthread.h>

namespace {

thread_local sim::StackRange thread_stack {};
sim::StackRange running_context_stack {};

sim::StackRange range_of(const void* bottom, size_t size)
{
    auto low = reinterpret_cast<uintptr_t>(bottom);
    return { low, low + size };
}

} // namespace

namespace sim {

void remember_thread_stack()
{
    if (thread_stack.high != 0)
        return;
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0)
        return;
    void* bottom = nullptr;
    size_t size = 0;
    pthread_attr_getstack(&attributes, &bottom, &size);
    pthread_attr_destroy(&attributes);
    thread_stack = range_of(bottom, size);
}

void set_running_context_stack(const void* bottom, size_t size)
{
    running_context_stack = range_of(bottom, bottom ? size : 0);
}

bool find_stack(uintptr_t address, StackRange& range)
{
    remember_thread_stack();
    stack_t signal_stack {};
    sigaltstack(nullptr, &signal_stack);
    const StackRange candidates[] = {
        thread_stack,
        running_context_stack,
        range_of(signal_stack.ss_sp, (signal_stack.ss_flags & SS_DISABLE) ? 0 : signal_stack.ss_size),
    };
    for (const StackRange& candidate : candidates) {
        if (candidate.contains(address)) {
            range = candidate;
            return true;
        }
    }
    return false;
}

} // namespace sim
