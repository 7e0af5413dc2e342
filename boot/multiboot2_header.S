/*
 * The multiboot2 header: how GRUB recognises keel.elf and what it is asked to pass in.
 *
 * GRUB looks for this block in the first 32 KiB of the file (the linker script puts the
 * .multiboot2 section first). We ask for the command line and the memory map; GRUB adds
 * the ACPI RSDP tags on its own. The image is loaded from its ELF program headers and
 * entered at _start (boot/entry32.S) in 32-bit protected mode.
 */

#define MULTIBOOT2_MAGIC 0xE85250D6
#define MULTIBOOT2_ARCH_I386 0
#define TAG_END 0
#define TAG_INFORMATION_REQUEST 1
#define INFO_COMMAND_LINE 1
#define INFO_MEMORY_MAP 6

    .section .multiboot2, "a"
    .balign 8
multiboot2_header_start:
    .long MULTIBOOT2_MAGIC
    .long MULTIBOOT2_ARCH_I386
    .long multiboot2_header_end - multiboot2_header_start
    .long 0x100000000 - (MULTIBOOT2_MAGIC + MULTIBOOT2_ARCH_I386 + \
                         (multiboot2_header_end - multiboot2_header_start))

    /* Information request: type, flags (0 = required), size, then the wanted tag types. */
    .balign 8
information_request_start:
    .short TAG_INFORMATION_REQUEST
    .short 0
    .long information_request_end - information_request_start
    .long INFO_COMMAND_LINE
    .long INFO_MEMORY_MAP
information_request_end:

    .balign 8
    .short TAG_END
    .short 0
    .long 8
multiboot2_header_end:

    .section .note.GNU-stack, "", @progbits
