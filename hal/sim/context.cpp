// Contexts in the sim: real stack switching, told to the sanitizers.
//
// The switch itself is hal/x86_64_abi/context_switch.S, shared with the bare-metal
// kernel: it pushes the callee-saved registers, stores the stack pointer, loads the other
// one, pops and returns; the first frame of a new context is
// hal/x86_64_abi/context_frame.hpp's too. Here that frame calls start_context(), which
// first completes the sanitizer handshake and then calls the real entry, whose address and
// argument wait in a small record at the top of the stack.
//
// ASan must be told about every stack switch (__sanitizer_start_switch_fiber before,
// __sanitizer_finish_switch_fiber after), or it takes the new stack for a wild overflow.
// The finish call reports the bounds of the stack just left; that is how the context of
// the CPU thread's own stack, which no context_init() described, learns its bounds before
// anyone switches back to it. TSan gets one fiber per context; the flow that started on
// the thread keeps the thread's own fiber, which is never destroyed. Until the handshake
// is complete the preemption signal leaves the switch alone (context_switching.hpp).
//
// A context whose frames are gone for good (a reused context or stack: the kernel test
// runner reuses one for every case; or a context_destroy()ed one) has its stack unpoisoned,
// since frames that never returned leave ASan's poisoning behind, and its TSan fiber
// destroyed. The fiber that is running cannot be destroyed; a thread must have switched
// away from its context before that context is destroyed, as on any kernel where the
// exiting thread's stack is freed by someone else.
#include "x86_64_abi/context_frame.hpp"
#include "context_switching.hpp"
#include "stack_registry.hpp"
#include <sim_sanitizers.hpp>

#include <hal/context.hpp>
#include <hal/cpu.hpp>

#include <atomic>

#if KEEL_SIM_ASAN
#    include <sanitizer/asan_interface.h>
#    include <sanitizer/common_interface_defs.h>
#endif
#if KEEL_SIM_TSAN
#    include <sanitizer/tsan_interface.h>
#endif

namespace {

struct EntryRecord {
    hal::ContextEntry entry;
    void* argument;
};

// The context being left by the switch in progress, null when none is (CPU thread only;
// read by the preemption signal's handler).
std::atomic<hal::Context*> switching_from { nullptr };

// Runs in the context that a switch has just landed in.
void finish_switch([[maybe_unused]] void* fake_stack)
{
#if KEEL_SIM_ASAN
    const void* left_bottom = nullptr;
    size_t left_size = 0;
    __sanitizer_finish_switch_fiber(fake_stack, &left_bottom, &left_size);
    hal::Context* left = switching_from.load();
    if (left && !left->stack_bottom) {
        left->stack_bottom = left_bottom;
        left->stack_size = left_size;
    }
#endif
    switching_from.store(nullptr);
}

[[noreturn]] void start_context(void* record_address)
{
    finish_switch(nullptr);
    EntryRecord record = *static_cast<EntryRecord*>(record_address);
    record.entry(record.argument);
    hal::cpu_halt(); // entry must not return; if it does, stop rather than run off the stack
}

// Tells the sanitizers that the frames on the context's stack are gone for good.
void forget_frames([[maybe_unused]] hal::Context& context)
{
#if KEEL_SIM_ASAN
    if (context.stack_bottom)
        ASAN_UNPOISON_MEMORY_REGION(context.stack_bottom, context.stack_size);
#endif
#if KEEL_SIM_TSAN
    if (context.owns_tsan_fiber && context.tsan_fiber != __tsan_get_current_fiber())
        __tsan_destroy_fiber(context.tsan_fiber);
    context.tsan_fiber = nullptr;
    context.owns_tsan_fiber = false;
#endif
}

} // namespace

namespace hal {

void context_init(Context& context, void* stack_base, size_t stack_size, ContextEntry entry,
                  void* argument)
{
    context.stack_bottom = stack_base;
    context.stack_size = stack_size;
    forget_frames(context);
#if KEEL_SIM_TSAN
    context.tsan_fiber = __tsan_create_fiber(0);
    context.owns_tsan_fiber = true;
#endif
    uintptr_t top = hal::x86::aligned_stack_top(stack_base, stack_size);
    auto* record = reinterpret_cast<EntryRecord*>(top - sizeof(EntryRecord));
    *record = { entry, argument };
    static_assert(sizeof(EntryRecord) % 16 == 0, "the frame below the record must stay aligned");
    context.stack_pointer
        = hal::x86::push_initial_context_frame(reinterpret_cast<uintptr_t>(record), start_context, record);
}

void context_switch(Context& from, Context& to)
{
    switching_from.store(&from);
    sim::set_running_context_stack(to.stack_bottom, to.stack_size);
    void* fake_stack = nullptr;
#if KEEL_SIM_ASAN
    __sanitizer_start_switch_fiber(&fake_stack, to.stack_bottom, to.stack_size);
#endif
#if KEEL_SIM_TSAN
    if (!from.tsan_fiber)
        from.tsan_fiber = __tsan_get_current_fiber();
    __tsan_switch_to_fiber(to.tsan_fiber, 0);
#endif
    keel_context_switch(&from.stack_pointer, to.stack_pointer);
    finish_switch(fake_stack);
}

void context_destroy(Context& context)
{
    forget_frames(context);
    context = {};
}

} // namespace hal

namespace sim {

bool context_switch_in_progress()
{
    return switching_from.load() != nullptr;
}

} // namespace sim
