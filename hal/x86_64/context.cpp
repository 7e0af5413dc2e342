// hal/context.hpp on x86_64: contexts are stacks switched by context_switch.S.
//
// context_init builds, at the top of the new stack, the frame keel_context_switch pops:
// six callee-saved register slots (entry in the R12 slot and its argument in the R13
// slot, for keel_context_trampoline) and the trampoline as the return address. The
// frame is placed so that the trampoline's RSP is 16-byte aligned when it calls entry,
// with two zeroed quadwords above it as the end of the stack.
#include <hal/context.hpp>

#include <kstd/verify.hpp>

extern "C" void keel_context_switch(uintptr_t* save_stack_pointer, uintptr_t new_stack_pointer);
extern "C" void keel_context_trampoline();

namespace hal {
namespace {

// The slots keel_context_switch pops, lowest address first.
struct InitialFrame {
    uint64_t r15, r14, r13, r12, rbx, rbp;
    uint64_t return_address;
};
static_assert(sizeof(InitialFrame) == 7 * 8);

constexpr size_t STACK_END_MARKER_SIZE = 16;

} // namespace

void context_init(Context& context, void* stack_base, size_t stack_size, ContextEntry entry,
                  void* argument)
{
    VERIFY(stack_size >= sizeof(InitialFrame) + STACK_END_MARKER_SIZE + 16);
    uintptr_t top = (reinterpret_cast<uintptr_t>(stack_base) + stack_size) & ~uintptr_t { 15 };
    uintptr_t trampoline_stack = top - STACK_END_MARKER_SIZE;
    auto* end_marker = reinterpret_cast<uint64_t*>(trampoline_stack);
    end_marker[0] = 0;
    end_marker[1] = 0;

    auto* frame = reinterpret_cast<InitialFrame*>(trampoline_stack - sizeof(InitialFrame));
    *frame = InitialFrame {
        .r15 = 0,
        .r14 = 0,
        .r13 = reinterpret_cast<uint64_t>(argument),
        .r12 = reinterpret_cast<uint64_t>(entry),
        .rbx = 0,
        .rbp = 0,
        .return_address = reinterpret_cast<uint64_t>(&keel_context_trampoline),
    };
    context.stack_pointer = reinterpret_cast<uintptr_t>(frame);
}

void context_switch(Context& from, Context& to)
{
    keel_context_switch(&from.stack_pointer, to.stack_pointer);
}

} // namespace hal
