// keel_clone_vm_child(flags, stack_top, fn, arg): the clone() system call with a new stack,
// running fn(arg) in the child and exiting with its result, like glibc's clone() but
// without its name, which TSan intercepts and treats as a fork: with CLONE_VM its "after
// fork" bookkeeping in the child would reset the simulator's own TSan state (user_stub.cpp).
// Returns the child's pid, or -errno.
    .text
    .globl keel_clone_vm_child
    .type keel_clone_vm_child, @function
keel_clone_vm_child:
    mov %rdx, %r9          // fn, kept across the system call in both processes
    mov %rcx, %r8          // arg (r8 is clone's tls, ignored without CLONE_SETTLS)
    xor %edx, %edx         // no parent tid
    xor %r10d, %r10d       // no child tid
    mov $56, %eax          // SYS_clone
    syscall
    test %rax, %rax
    jnz 1f
    // The child, on the new stack.
    xor %ebp, %ebp
    mov %r8, %rdi
    call *%r9
    mov %eax, %edi
    mov $60, %eax          // SYS_exit
    syscall
    ud2
1:
    ret
    .size keel_clone_vm_child, . - keel_clone_vm_child
