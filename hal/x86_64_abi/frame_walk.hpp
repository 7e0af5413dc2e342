// Walking a chain of saved frame pointers, the backtrace of both targets.
//
// Shared by both targets: everything is compiled with frame pointers, so each x86-64
// System V frame starts with a two-word record, the caller's saved RBP and then the return
// address. The walk follows those links from a start frame while the caller decides that
// each record is readable memory of the stack being walked, and stops at a return address
// of 0 (context_switch.S's trampoline clears RBP, so the first frame of a context ends the
// chain) or at a link that does not climb the stack.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace hal::x86 {

// The saved RBP followed by the return address.
inline constexpr uintptr_t FRAME_RECORD_SIZE = 2 * sizeof(uintptr_t);

// Stores up to `max` return addresses, innermost first, and returns how many.
// `is_plausible_frame(address)` says whether the FRAME_RECORD_SIZE bytes at an aligned
// `address` may be read. Not instrumented by ASan: the sim also walks stacks abandoned by
// a trap, which may still carry stale poisoning (a no-op for the bare-metal build).
template<typename IsPlausibleFrame>
[[gnu::no_sanitize_address]] size_t walk_frames(uintptr_t frame_pointer, uintptr_t* return_addresses,
                                                size_t max, IsPlausibleFrame is_plausible_frame)
{
    size_t count = 0;
    while (count < max && frame_pointer % sizeof(uintptr_t) == 0 && is_plausible_frame(frame_pointer)) {
        auto* frame = reinterpret_cast<const uintptr_t*>(frame_pointer);
        if (frame[1] == 0)
            break;
        return_addresses[count++] = frame[1];
        if (frame[0] <= frame_pointer) // a caller's frame is always higher up
            break;
        frame_pointer = frame[0];
    }
    return count;
}

} // namespace hal::x86
