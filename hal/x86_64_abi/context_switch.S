/*
 * Switching between kernel stacks (x86-64 System V ABI); shared with the sim.
 *
 *   void keel_context_switch(uintptr_t* save_stack_pointer, uintptr_t new_stack_pointer)
 *     Pushes the callee-saved registers (RBP, RBX, R12-R15) on the current stack, stores
 *     RSP in *save_stack_pointer, switches to new_stack_pointer, pops the same registers
 *     from there and returns to whatever address sits above them. The caller-saved
 *     registers need no saving: the C++ caller already assumes the call clobbers them.
 *
 *   keel_context_trampoline
 *     Where a context prepared by context_init starts. It expects the entry function in
 *     R12 and its argument in R13 (context_init puts them in the popped register slots),
 *     clears RBP so backtraces stop at the first frame, calls entry(argument) with a
 *     16-byte aligned stack, and traps with ud2 if the entry function returns.
 *
 * The frame a suspended context leaves, from its saved stack pointer upwards:
 *   R15, R14, R13, R12, RBX, RBP, return address
 * hal/sim compiles this file too, into a position-independent executable, so it uses
 * no absolute addresses.
 */

    .text
    .globl keel_context_switch
    .type keel_context_switch, @function
keel_context_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size keel_context_switch, . - keel_context_switch

    .globl keel_context_trampoline
    .type keel_context_trampoline, @function
keel_context_trampoline:
    xorl %ebp, %ebp
    movq %r13, %rdi
    call *%r12
    ud2
    .size keel_context_trampoline, . - keel_context_trampoline

    .section .note.GNU-stack, "", @progbits
