// The user stub: the host process a sim UserSpace runs its program in (see user_stub.cpp).
//
// It is linked alone (user_stub.ld), at USER_STUB_BASE, with no C library, no sanitizer
// and nothing of the simulator. Its first bytes are the gadget the tracer injects system
// calls through: it points rip here, puts the call in rax and the arguments in rdi, rsi,
// rdx, r10, r8, r9, lets the stub run, and finds the result in rax when the int3 stops it.
// At start the stub unmaps everything the host gave it (its stack, the vDSO, vvar) below and
// above its one page, and stops on int3 to say it is ready. It never runs again on its own
// after that: the tracer points it at the program or at the gadget each time. The address
// and the sizes here must match user_stub.hpp.
    .section .text, "ax"
    .globl keel_user_stub_gadget
keel_user_stub_gadget:
    syscall
    int3

    .globl _start
_start:
    // munmap(0, USER_STUB_BASE): everything below the image.
    mov $11, %eax
    xor %edi, %edi
    lea keel_user_stub_gadget(%rip), %rsi
    syscall
    // munmap(image end, TASK_SIZE - image end): everything above it.
    mov $11, %eax
    lea keel_user_stub_end(%rip), %rdi
    movabs $0x7ffffffff000, %rsi
    sub %rdi, %rsi
    syscall
    // Ready.
    int3
    // Never resumed from here; should it be, it cannot go on.
    ud2
