/*
 * The first 64-bit code in the higher half: prepares the C++ world and enters the HAL.
 *
 * Reached from boot/entry32.S with RDI = the physical address of the multiboot2 boot
 * information. In order: clear .bss, switch to the boot stack, pick a random
 * __stack_chk_guard (nothing compiled with the stack protector has run yet, and none of
 * it may return across this point), run the global constructors from .init_array (core
 * registers kernel tests that way), then call keel_x86_64_main (hal/x86_64/boot.cpp),
 * which never returns.
 */

#define BOOT_STACK_SIZE 65536
#define GOLDEN_RATIO_64 0x9E3779B97F4A7C15

    .section .text
    .code64
    .cfi_sections .debug_frame
    .globl higher_half_entry
    .type higher_half_entry, @function
higher_half_entry:
    .cfi_startproc
    .cfi_undefined rip                  /* tells gdb this is the outermost frame */
    movq %rdi, %r12                     /* callee-saved: survives the constructors */

    leaq __bss_start(%rip), %rdi
    leaq __bss_end(%rip), %rcx
    subq %rdi, %rcx
    xorl %eax, %eax
    rep stosb

    leaq boot_stack_top(%rip), %rsp
    xorl %ebp, %ebp                     /* the end of every backtrace */

    /* The guard: the time stamp counter, spread over all bits, with a zero low byte so
       that a string overflow cannot reproduce it. */
    rdtsc
    shlq $32, %rdx
    orq %rdx, %rax
    movabs $GOLDEN_RATIO_64, %rdx
    imulq %rdx, %rax
    xorb %al, %al
    movq %rax, __stack_chk_guard(%rip)

    leaq __init_array_start(%rip), %rbx
1:  leaq __init_array_end(%rip), %rax
    cmpq %rax, %rbx
    jae 2f
    call *(%rbx)
    addq $8, %rbx
    jmp 1b

2:  movq %r12, %rdi
    call keel_x86_64_main
3:  cli
    hlt
    jmp 3b
    .cfi_endproc
    .size higher_half_entry, . - higher_half_entry

    .section .bss
    .balign 4096
boot_stack_bottom:
    .skip BOOT_STACK_SIZE
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
