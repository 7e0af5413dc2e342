/*
 * What interrupt_entry.S and the C++ side must agree on about the interrupt stubs.
 *
 * Included by both the assembler (interrupt_entry.S is preprocessed) and C++ (idt.cpp,
 * traps.cpp), so it holds only #defines whose expressions read the same to gas and to
 * C++. The CPU pushes an error code for exceptions 8, 10-14, 17, 21, 29 and 30 (Intel
 * SDM vol. 3, 6.3.1; AMD APM vol. 2, 8.2); the stubs push a zero for every other vector.
 */
#pragma once

/* Bytes between consecutive stubs in keel_interrupt_stubs. */
#define KEEL_INTERRUPT_STUB_SIZE 16

/* Nonzero when the CPU itself pushes an error code for vector `v`. */
#define KEEL_VECTOR_HAS_ERROR_CODE(v)                                                      \
    ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)
