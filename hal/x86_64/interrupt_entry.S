/*
 * Entry points for all 256 interrupt vectors.
 *
 * keel_interrupt_stubs is an array of 256 stubs, KEEL_INTERRUPT_STUB_SIZE bytes apart,
 * so idt.cpp computes stub addresses instead of reading a table. Each stub makes the
 * stack uniform - it pushes a zero error code unless the CPU pushed one (vectors 8,
 * 10-14, 17, 21, 29, 30: KEEL_VECTOR_HAS_ERROR_CODE) - pushes its vector number and
 * jumps to the common entry, which saves every general register (the layout is
 * hal::x86::InterruptFrame in interrupt_frame.hpp) and calls
 * keel_interrupt_dispatch(frame) in idt.cpp. Both constants live in interrupt_vectors.h,
 * shared with the C++ side. The stack is
 * 16-byte aligned at that call: the CPU aligns RSP before pushing its 5-quadword frame,
 * and 2 + 15 more quadwords keep the total at 22 (an even count).
 *
 * An interrupt does not clear RFLAGS.AC: one that arrives inside a copy routine (which
 * opens SMAP with STAC, user_copy.S) would run its handler with user memory open. So the
 * common entry closes it (CLAC, on CPUs with SMAP: keel_smap_enabled, user_cpu.cpp); the
 * IRETQ puts the interrupted flags back. A frame from ring 3 never comes back here: the
 * dispatcher returns from run_user instead (user_traps.cpp).
 */

#include "interrupt_vectors.h"

    /* The .org pads each stub to its slot, and fails the build if a stub outgrows it. */
    .macro interrupt_stub vector
1:
    .if KEEL_VECTOR_HAS_ERROR_CODE(\vector)
    .else
    pushq $0
    .endif
    pushq $\vector
    jmp interrupt_common
    .org 1b + KEEL_INTERRUPT_STUB_SIZE, 0xCC
    .endm

    .section .text
    .code64
    .globl keel_interrupt_stubs
    .type keel_interrupt_stubs, @function
    .balign KEEL_INTERRUPT_STUB_SIZE
keel_interrupt_stubs:
    .altmacro                           /* so that %vector passes the number itself */
    .set vector, 0
    .rept 256
    interrupt_stub %vector
    .set vector, vector + 1
    .endr
    .noaltmacro
    .size keel_interrupt_stubs, . - keel_interrupt_stubs

    .type interrupt_common, @function
interrupt_common:
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    cld
    cmpb $0, keel_smap_enabled(%rip)
    je 1f
    clac
1:
    movq %rsp, %rdi
    call keel_interrupt_dispatch
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    addq $16, %rsp                      /* vector and error code */
    iretq
    .size interrupt_common, . - interrupt_common

    .section .note.GNU-stack, "", @progbits
