/*
 * The instructions that touch user memory, each with a way out when it faults.
 *
 *   bool keel_copy_user_bytes(void* destination, const void* source, size_t length)
 *     A byte copy (REP MOVSB) in either direction; false when it faulted.
 *   long keel_copy_user_string(char* destination, const char* source, size_t limit)
 *     Copies bytes up to and including the first NUL, at most `limit` of them. Returns the
 *     length before the NUL, `limit` when none came, -1 when it faulted.
 *
 * user_copy.cpp checks the ranges against user_address_end() first; these only copy.
 * Every instruction that may fault has an entry in the exception table, the section
 * __ex_table (kept between __ex_table_start and __ex_table_end by boot/linker.ld): two
 * quadwords, the instruction's address and the fixup's. A kernel-mode page fault or
 * general protection fault on such an instruction resumes at its fixup (user_copy.cpp,
 * called from idt.cpp), which closes user memory again and returns the failure. Nothing
 * else may touch user memory: SMAP (when the CPU has it) opens only between the STAC and
 * CLAC here, and keel_smap_enabled says whether to run them (they are #UD without SMAP).
 */

    .macro exception_table_entry instruction, fixup
    .pushsection __ex_table, "a"
    .balign 8
    .quad \instruction, \fixup
    .popsection
    .endm

    .macro open_user_memory
    cmpb $0, keel_smap_enabled(%rip)
    je 1f
    stac
1:
    .endm

    .macro close_user_memory
    cmpb $0, keel_smap_enabled(%rip)
    je 1f
    clac
1:
    .endm

    .section .text
    .code64

    .globl keel_copy_user_bytes
    .type keel_copy_user_bytes, @function
keel_copy_user_bytes:
    open_user_memory
    movq %rdx, %rcx
.Lcopy_bytes:
    rep movsb
    close_user_memory
    movl $1, %eax
    ret
.Lcopy_bytes_fault:
    close_user_memory
    xorl %eax, %eax
    ret
    exception_table_entry .Lcopy_bytes, .Lcopy_bytes_fault
    .size keel_copy_user_bytes, . - keel_copy_user_bytes

    .globl keel_copy_user_string
    .type keel_copy_user_string, @function
keel_copy_user_string:
    open_user_memory
    xorl %eax, %eax
.Lnext_byte:
    cmpq %rdx, %rax
    jae .Lstring_done
.Lread_byte:
    movzbl (%rsi,%rax), %ecx
    movb %cl, (%rdi,%rax)
    testb %cl, %cl
    jz .Lstring_done
    incq %rax
    jmp .Lnext_byte
.Lstring_done:
    close_user_memory
    ret
.Lstring_fault:
    close_user_memory
    movq $-1, %rax
    ret
    exception_table_entry .Lread_byte, .Lstring_fault
    .size keel_copy_user_string, . - keel_copy_user_string

    .section .note.GNU-stack, "", @progbits
