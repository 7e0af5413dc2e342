// hal/context.hpp on x86_64: contexts are stacks switched by context_switch.S.
//
// context_init puts two zeroed quadwords at the top of the new stack (the end of the
// stack) and below them the first frame described in context_frame.hpp, which makes the
// first switch call entry(argument).
#include "x86_64_abi/context_frame.hpp"

#include <hal/context.hpp>
#include <kstd/verify.hpp>

namespace hal {
namespace {
constexpr size_t STACK_END_MARKER_SIZE = 16;
} // namespace

void context_init(Context& context, void* stack_base, size_t stack_size, ContextEntry entry,
                  void* argument)
{
    VERIFY(stack_size >= sizeof(x86::InitialContextFrame) + STACK_END_MARKER_SIZE + 16);
    uintptr_t top = x86::aligned_stack_top(stack_base, stack_size);
    uintptr_t frame_top = top - STACK_END_MARKER_SIZE;
    auto* end_marker = reinterpret_cast<uint64_t*>(frame_top);
    end_marker[0] = 0;
    end_marker[1] = 0;
    context.stack_pointer = x86::push_initial_context_frame(frame_top, entry, argument);
}

void context_switch(Context& from, Context& to)
{
    keel_context_switch(&from.stack_pointer, to.stack_pointer);
}

void context_destroy(Context& context)
{
    context.stack_pointer = 0;
}

} // namespace hal
