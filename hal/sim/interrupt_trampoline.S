/*
 * The sim's interrupt entry and exit: what a CPU pushes and iret pops, done in software.
 *
 *   keel_interrupt_trampoline
 *     The preemption signal's handler (interrupt_entry.cpp) makes the interrupted code
 *     "call" this: the interrupted RIP sits at (%rsp) as a return address, right below
 *     the interrupted code's red zone, and every other register still holds what the
 *     interrupted code had in it. The trampoline saves RFLAGS, the caller-saved general
 *     registers and the x87/SSE state, calls keel_serve_interrupt() with the stack 16-byte
 *     aligned and the direction flag clear, as the ABI wants, restores all of it and
 *     returns to the interrupted instruction, stepping back over the red zone so that RSP
 *     is exactly what it was. The callee-saved registers (RBX, RBP, R12-R15) need no copy:
 *     the C++ code preserves them, across any thread switch kernel_reschedule() makes, as
 *     every caller of context_switch relies on.
 *
 * The first two words form an ordinary frame record (the interrupted RBP, then the
 * interrupted RIP as a return address), so hal::backtrace walks from an IRQ handler
 * through this frame into the interrupted code. The CFI tells gdb the same, with the
 * interrupted RSP as the frame's CFA, and marks the frame as a signal frame, since the
 * "return address" is the interrupted instruction itself, not one after a call (gdb shows
 * it as "<signal handler called>").
 *
 * fxsave64 covers the x87, MMX and SSE registers and MXCSR: everything code built for the
 * x86-64 baseline uses. The sim is built without AVX (checked below), so the code this
 * interrupts has nothing live in the upper halves of YMM registers. Like context_switch.S
 * this goes into a position-independent executable, so it uses no absolute addresses.
 */
#include "red_zone.hpp"

#if defined(__AVX__)
#    error "the interrupt trampoline saves SSE state only (fxsave64): build the sim without AVX"
#endif

#define SAVED_REGISTER_BYTES (10 * 8) /* RFLAGS and nine general registers */
#define FXSAVE_AREA_BYTES 512
/* From the interrupted RSP (the CFA) down to the return address and the saved RBP. */
#define RETURN_ADDRESS_BELOW_CFA (KEEL_RED_ZONE_BYTES + 8)
#define SAVED_RBP_BELOW_CFA (KEEL_RED_ZONE_BYTES + 16)
#define DWARF_RIP 16 /* the return-address column */

    .text
    .globl keel_interrupt_trampoline
    .type keel_interrupt_trampoline, @function
keel_interrupt_trampoline:
    .cfi_startproc simple
    .cfi_signal_frame
    .cfi_def_cfa %rsp, RETURN_ADDRESS_BELOW_CFA
    .cfi_offset DWARF_RIP, -RETURN_ADDRESS_BELOW_CFA
    pushq %rbp
    .cfi_def_cfa_offset SAVED_RBP_BELOW_CFA
    .cfi_offset %rbp, -SAVED_RBP_BELOW_CFA
    movq %rsp, %rbp
    .cfi_def_cfa_register %rbp
    pushfq
    .set below_cfa, SAVED_RBP_BELOW_CFA + 8 /* the caller-saved registers, each told to CFI */
    .irp register, rax, rcx, rdx, rsi, rdi, r8, r9, r10, r11
    pushq %\register
    .set below_cfa, below_cfa + 8
    .cfi_offset %\register, -below_cfa
    .endr
    andq $-16, %rsp /* the interrupted RSP may have had any alignment */
    subq $FXSAVE_AREA_BYTES, %rsp
    fxsave64 (%rsp)
    cld
    call keel_serve_interrupt@PLT
    fxrstor64 (%rsp)
    leaq -SAVED_REGISTER_BYTES(%rbp), %rsp
    .irp register, r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax
    popq %\register
    .endr
    popfq
    popq %rbp
    .cfi_def_cfa %rsp, RETURN_ADDRESS_BELOW_CFA
    ret $KEEL_RED_ZONE_BYTES
    .cfi_endproc
    .size keel_interrupt_trampoline, . - keel_interrupt_trampoline

    .section .note.GNU-stack, "", @progbits
