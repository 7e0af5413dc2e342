/*
 * Entering ring 3, and coming back from it to the thread that called run_user().
 *
 *   unsigned keel_user_enter(hal::UserRegisters* registers, uint64_t* ring0_stack_slot,
 *                            bool use_sysret)
 *     Called by run_user (user_run.cpp) with interrupts disabled. Pushes the callee-saved
 *     registers (as keel_context_switch does) and records that stack pointer, the "resume
 *     point", in keel_user_resume_stack and in the TSS's RSP0 (*ring0_stack_slot), so an
 *     interrupt from ring 3 pushes its frame right below it. Then loads every register
 *     from *registers and enters ring 3: with SYSRETQ (RCX = RIP, R11 = RFLAGS, which the
 *     caller checked) or else with IRETQ. It returns, as far as its caller can tell, when
 *     the program leaves ring 3: USER_EXIT_SYSCALL or USER_EXIT_TRAP (user_frame.h).
 *
 *   keel_syscall_entry (MSR LSTAR, see user_cpu.cpp)
 *     Where SYSCALL lands: in ring 0 with the program's RSP, RCX = its RIP, R11 = its
 *     RFLAGS, and interrupts off (MSR FMASK clears IF). Keel has one CPU and a program in
 *     ring 3 is always the one keel_user_enter entered, so plain globals (no SWAPGS, no
 *     per-CPU area) say where its registers go and which stack to take. Stores every
 *     register into the UserRegisters (orig_rax = the number, rax = -ENOSYS, as Linux's
 *     pt_regs hold them), switches to the resume point and returns USER_EXIT_SYSCALL.
 *
 *   keel_user_resume(unsigned how)
 *     For user_traps.cpp, after it has stored the registers of an interrupt or exception
 *     from ring 3: drops the interrupt frame (it sits below the resume point) and returns
 *     from keel_user_enter with `how`.
 */

#include "user_frame.h"

    .section .bss
    .balign 8
    .globl keel_user_resume_stack, keel_user_registers
keel_user_resume_stack:
    .quad 0
keel_user_registers:
    .quad 0
keel_user_stack_pointer:                 /* the program's RSP during syscall entry */
    .quad 0

    .section .text
    .code64

    .globl keel_user_enter
    .type keel_user_enter, @function
keel_user_enter:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, keel_user_resume_stack(%rip)
    movq %rsp, (%rsi)
    movq %rdi, keel_user_registers(%rip)
    testb %dl, %dl
    jz .Lenter_with_iret

    movq USER_REGISTERS_RIP(%rdi), %rcx
    movq USER_REGISTERS_RFLAGS(%rdi), %r11
    call load_user_registers_but_rcx_r11
    movq USER_REGISTERS_RSP(%rdi), %rsp
    movq USER_REGISTERS_RDI(%rdi), %rdi
    sysretq

.Lenter_with_iret:
    pushq $USER_DATA_SELECTOR_RPL3
    pushq USER_REGISTERS_RSP(%rdi)
    pushq USER_REGISTERS_RFLAGS(%rdi)
    pushq $USER_CODE_SELECTOR_RPL3
    pushq USER_REGISTERS_RIP(%rdi)
    movq USER_REGISTERS_RCX(%rdi), %rcx
    movq USER_REGISTERS_R11(%rdi), %r11
    call load_user_registers_but_rcx_r11
    movq USER_REGISTERS_RDI(%rdi), %rdi
    iretq
    .size keel_user_enter, . - keel_user_enter

    /* Every register but RCX, R11, RSP and RDI (which holds the UserRegisters). */
    .type load_user_registers_but_rcx_r11, @function
load_user_registers_but_rcx_r11:
    movq USER_REGISTERS_RAX(%rdi), %rax
    movq USER_REGISTERS_RBX(%rdi), %rbx
    movq USER_REGISTERS_RDX(%rdi), %rdx
    movq USER_REGISTERS_RSI(%rdi), %rsi
    movq USER_REGISTERS_RBP(%rdi), %rbp
    movq USER_REGISTERS_R8(%rdi), %r8
    movq USER_REGISTERS_R9(%rdi), %r9
    movq USER_REGISTERS_R10(%rdi), %r10
    movq USER_REGISTERS_R12(%rdi), %r12
    movq USER_REGISTERS_R13(%rdi), %r13
    movq USER_REGISTERS_R14(%rdi), %r14
    movq USER_REGISTERS_R15(%rdi), %r15
    ret
    .size load_user_registers_but_rcx_r11, . - load_user_registers_but_rcx_r11

    .globl keel_syscall_entry
    .type keel_syscall_entry, @function
keel_syscall_entry:
    movq %rsp, keel_user_stack_pointer(%rip)
    movq keel_user_resume_stack(%rip), %rsp
    pushq %rax
    movq keel_user_registers(%rip), %rax
    movq %r15, USER_REGISTERS_R15(%rax)
    movq %r14, USER_REGISTERS_R14(%rax)
    movq %r13, USER_REGISTERS_R13(%rax)
    movq %r12, USER_REGISTERS_R12(%rax)
    movq %rbp, USER_REGISTERS_RBP(%rax)
    movq %rbx, USER_REGISTERS_RBX(%rax)
    movq %r11, USER_REGISTERS_R11(%rax)
    movq %r11, USER_REGISTERS_RFLAGS(%rax)
    movq %r10, USER_REGISTERS_R10(%rax)
    movq %r9, USER_REGISTERS_R9(%rax)
    movq %r8, USER_REGISTERS_R8(%rax)
    movq %rcx, USER_REGISTERS_RCX(%rax)
    movq %rcx, USER_REGISTERS_RIP(%rax)
    movq %rdx, USER_REGISTERS_RDX(%rax)
    movq %rsi, USER_REGISTERS_RSI(%rax)
    movq %rdi, USER_REGISTERS_RDI(%rax)
    popq %rcx
    movq %rcx, USER_REGISTERS_ORIG_RAX(%rax)
    movq $USER_SYSCALL_DEFAULT_RESULT, USER_REGISTERS_RAX(%rax)
    movq keel_user_stack_pointer(%rip), %rcx
    movq %rcx, USER_REGISTERS_RSP(%rax)
    movl $USER_EXIT_SYSCALL, %eax
    jmp return_from_user_enter
    .size keel_syscall_entry, . - keel_syscall_entry

    .globl keel_user_resume
    .type keel_user_resume, @function
keel_user_resume:
    movq keel_user_resume_stack(%rip), %rsp
    movl %edi, %eax
return_from_user_enter:
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size keel_user_resume, . - keel_user_resume

    .section .note.GNU-stack, "", @progbits
