// The user stub: the host process a sim UserSpace runs its program in (see user_stub.cpp).
//
// It is linked alone (user_stub.ld), at USER_STUB_BASE, with no C library, no sanitizer
// and nothing of the simulator. Its first bytes are the gadget the tracer injects system
// calls through: it points rip here, puts the call in rax and the arguments in rdi, rsi,
// rdx, r10, r8, r9, lets the stub run, and finds the result in rax when the int3 stops it.
// At start the stub unmaps everything the host gave it (its stack, the vDSO, vvar) below and
// above its one page, maps a private signal stack right above it for the fault handler
// below, and stops on int3 to say it is ready. It never runs again on its own
// after that: the tracer points it at the program or at the gadget each time. The address
// and the sizes here must match user_stub.hpp.
    .section .text, "ax"
    .globl keel_user_stub_gadget
keel_user_stub_gadget:
    syscall
    int3

// When the tracer passes a SIGSEGV on to the stub, the host writes the signal frame on the
// signal stack and runs this: rdx points to the ucontext, whose REG_ERR holds the page
// fault's error code. The tracer reads it at the int3 and never returns here.
    .globl keel_user_stub_fault_handler
keel_user_stub_fault_handler:
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
    // mmap(SIGNAL_STACK, SIGNAL_STACK_BYTES, read|write, private|anonymous|fixed, -1, 0)
    mov $9, %eax
    lea keel_user_stub_end(%rip), %rdi
    mov $0x10000, %esi
    mov $3, %edx
    mov $0x32, %r10d
    mov $-1, %r8
    xor %r9d, %r9d
    syscall
    // sigaltstack(&{ SIGNAL_STACK, 0, SIGNAL_STACK_BYTES }, 0), the stack_t built at its bottom
    lea keel_user_stub_end(%rip), %rdi
    mov %rdi, 0(%rdi)
    movq $0, 8(%rdi)
    movq $0x10000, 16(%rdi)
    xor %esi, %esi
    mov $131, %eax
    syscall
    // rt_sigaction(SIGSEGV, &{ fault handler, SA_SIGINFO | SA_ONSTACK | SA_NODEFER |
    // SA_RESTORER, the gadget, no mask }, 0, 8), likewise built there
    lea keel_user_stub_end(%rip), %rsi
    lea keel_user_stub_fault_handler(%rip), %rax
    mov %rax, 0(%rsi)
    movq $0x4c000004, 8(%rsi)
    lea keel_user_stub_gadget(%rip), %rax
    mov %rax, 16(%rsi)
    movq $0, 24(%rsi)
    mov $11, %edi
    xor %edx, %edx
    mov $8, %r10d
    mov $13, %eax
    syscall
    // Ready.
    int3
    // Never resumed from here; should it be, it cannot go on.
    ud2
