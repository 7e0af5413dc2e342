// The x86-64 System V red zone: the 128 bytes below RSP that a leaf function may use
// without moving RSP. What the sim makes interrupted code "call" (interrupted_call.hpp)
// goes below it, and the interrupt trampoline (interrupt_trampoline.S) steps back over it
// on its way out; a macro, so that C++ and assembly read the same number.
#pragma once

#define KEEL_RED_ZONE_BYTES 128
