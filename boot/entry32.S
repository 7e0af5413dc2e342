/*
 * The first instructions of Keel: from GRUB's 32-bit protected mode into 64-bit long mode.
 *
 * GRUB jumps to _start with paging off, EAX = the multiboot2 magic and EBX = the physical
 * address of the boot information. This code lives in the low .boot sections (virtual
 * address = physical address, around 1 MiB) because nothing is mapped higher yet. It
 *   1. checks the magic and that the CPU has long mode and the NX bit (else prints on VGA
 *      and halts: core's page tables mark every non-code page no-execute),
 *   2. builds the early page tables: the first 1 GiB mapped with 2 MiB pages three times:
 *      at 0 (identity, needed while we still run here), at 0xFFFFFFFF80000000 (the higher
 *      half the kernel is linked at) and at 0xFFFF800000000000 (the start of the direct
 *      map of physical memory, hal/x86_64/layout.hpp),
 *   3. turns on PAE and global pages (CR4.PAE, CR4.PGE), EFER.LME and EFER.NXE, paging
 *      and CR0.WP (so the kernel itself cannot write to read-only pages),
 *   4. loads a minimal 64-bit GDT and far-jumps into 64-bit code, which jumps on to
 *      higher_half_entry (boot/entry64.S) with RDI = the boot information address.
 * The early tables stay in use until core/mm builds the kernel's own (mm::init).
 */

#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36D76289
#define CPUID_EXTENDED_FEATURES 0x80000001
#define CPUID_EDX_LONG_MODE (1 << 29)
#define CPUID_EDX_NO_EXECUTE (1 << 20)
#define MSR_EFER 0xC0000080
#define EFER_LONG_MODE_ENABLE (1 << 8)
#define EFER_NO_EXECUTE_ENABLE (1 << 11)
#define CR0_WRITE_PROTECT (1 << 16)
#define CR0_PAGING (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_GLOBAL_PAGES (1 << 7)
#define PAGE_PRESENT_WRITABLE 0x3
#define PAGE_HUGE 0x80
#define HUGE_PAGE_SIZE 0x200000
#define ENTRIES_PER_TABLE 512
#define HIGHER_HALF_PML4_INDEX 511
#define DIRECT_MAP_PML4_INDEX 256
#define HIGHER_HALF_PDPT_INDEX 510
#define BOOT_CODE_SELECTOR 0x08
#define BOOT_DATA_SELECTOR 0x10
#define VGA_TEXT_MEMORY 0xB8000
#define VGA_WHITE_ON_RED 0x4F

    .section .boot.text, "ax"
    .code32
    .globl _start
    .type _start, @function
_start:
    cli
    cld
    cmpl $MULTIBOOT2_BOOTLOADER_MAGIC, %eax
    jne .Lnot_multiboot2
    movl %ebx, %ebp                     /* boot information, kept until 64-bit mode */

    movl $0x80000000, %eax              /* highest extended CPUID leaf */
    cpuid
    cmpl $CPUID_EXTENDED_FEATURES, %eax
    jb .Lno_long_mode
    movl $CPUID_EXTENDED_FEATURES, %eax
    cpuid
    testl $CPUID_EDX_LONG_MODE, %edx
    jz .Lno_long_mode
    testl $CPUID_EDX_NO_EXECUTE, %edx
    jz .Lno_nx

    movl $boot_page_tables_start, %edi
    movl $((boot_page_tables_end - boot_page_tables_start) / 4), %ecx
    xorl %eax, %eax
    rep stosl

    movl $(boot_pdpt_identity + PAGE_PRESENT_WRITABLE), boot_pml4
    movl $(boot_pdpt_higher_half + PAGE_PRESENT_WRITABLE), boot_pml4 + HIGHER_HALF_PML4_INDEX * 8
    movl $(boot_pdpt_identity + PAGE_PRESENT_WRITABLE), boot_pml4 + DIRECT_MAP_PML4_INDEX * 8
    movl $(boot_page_directory + PAGE_PRESENT_WRITABLE), boot_pdpt_identity
    movl $(boot_page_directory + PAGE_PRESENT_WRITABLE), boot_pdpt_higher_half + HIGHER_HALF_PDPT_INDEX * 8

    movl $boot_page_directory, %edi     /* 512 x 2 MiB = the first 1 GiB */
    movl $(PAGE_PRESENT_WRITABLE | PAGE_HUGE), %eax
    movl $ENTRIES_PER_TABLE, %ecx
1:  movl %eax, (%edi)
    addl $HUGE_PAGE_SIZE, %eax
    addl $8, %edi
    loop 1b

    movl %cr4, %eax
    orl $(CR4_PAE | CR4_GLOBAL_PAGES), %eax
    movl %eax, %cr4
    movl $boot_pml4, %eax
    movl %eax, %cr3

    movl $MSR_EFER, %ecx
    rdmsr
    orl $(EFER_LONG_MODE_ENABLE | EFER_NO_EXECUTE_ENABLE), %eax
    wrmsr

    movl %cr0, %eax
    orl $(CR0_PAGING | CR0_WRITE_PROTECT), %eax
    movl %eax, %cr0

    lgdt boot_gdt_pointer
    ljmp $BOOT_CODE_SELECTOR, $long_mode_entry

.Lnot_multiboot2:
    movl $message_not_multiboot2, %esi
    jmp .Lfatal
.Lno_long_mode:
    movl $message_no_long_mode, %esi
    jmp .Lfatal
.Lno_nx:
    movl $message_no_nx, %esi
.Lfatal:                                /* ESI = message; print it on the VGA screen */
    movl $VGA_TEXT_MEMORY, %edi
    movb $VGA_WHITE_ON_RED, %ah
3:  lodsb
    testb %al, %al
    jz 4f
    stosw
    jmp 3b
4:  cli
    hlt
    jmp 4b
    .size _start, . - _start

    .code64
    .type long_mode_entry, @function
long_mode_entry:
    movw $BOOT_DATA_SELECTOR, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    xorl %eax, %eax
    movw %ax, %fs
    movw %ax, %gs
    movl %ebp, %edi                     /* zero-extends: upper halves are undefined here */
    movabs $higher_half_entry, %rax
    jmp *%rax
    .size long_mode_entry, . - long_mode_entry

    .section .boot.rodata, "a"
    .balign 8
boot_gdt:
    .quad 0                             /* null */
    .quad 0x00AF9A000000FFFF            /* 0x08: 64-bit kernel code */
    .quad 0x00CF92000000FFFF            /* 0x10: kernel data */
boot_gdt_end:
boot_gdt_pointer:
    .short boot_gdt_end - boot_gdt - 1
    .quad boot_gdt

message_not_multiboot2:
    .asciz "Keel: not started by a multiboot2 boot loader"
message_no_long_mode:
    .asciz "Keel: this CPU has no 64-bit long mode"
message_no_nx:
    .asciz "Keel: this CPU has no NX (no-execute) bit"

    /* Zeroed by _start itself, so it does not depend on the loader clearing it. */
    .section .boot.bss, "aw", @nobits
    .balign 4096
boot_page_tables_start:
boot_pml4:
    .skip 4096
boot_pdpt_identity:
    .skip 4096
boot_pdpt_higher_half:
    .skip 4096
boot_page_directory:
    .skip 4096
boot_page_tables_end:

    .section .note.GNU-stack, "", @progbits
