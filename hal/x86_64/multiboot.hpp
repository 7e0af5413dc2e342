// What GRUB told us, read from the multiboot2 boot information.
//
// parse_multiboot copies out everything the kernel keeps (the command line, the RAM map,
// the areas that must not be reused); afterwards only the ACPI RSDP still points into
// GRUB's structure, and it is read once during bring-up.
#pragma once
#include <hal/memory.hpp>
#include <kstd/fixed_vector.hpp>
#include <stddef.h>
#include <stdint.h>

namespace hal::x86 {

struct BootInformation {
    static constexpr size_t MAX_RANGES = 32;
    static constexpr size_t MAX_COMMAND_LINE = 256;

    // RAM the firmware calls available (multiboot2 memory map type 1).
    kstd::FixedVector<MemoryRange, MAX_RANGES> available;
    // Inside available RAM but in use: boot modules and the boot information itself.
    kstd::FixedVector<MemoryRange, MAX_RANGES> reserved;
    char command_line[MAX_COMMAND_LINE] = {};
    // The first boot module (the initial RAM disk); length 0 when GRUB loaded none.
    MemoryRange initrd = { 0, 0 };
    // GRUB's copy of the RSDP (ACPI 2.0+ preferred) and how many bytes its tag holds;
    // nullptr and 0 when there was none. Unchecked: acpi_init() validates it.
    const void* acpi_rsdp = nullptr;
    size_t acpi_rsdp_length = 0;
};

// Reads the boot information at `physical`; stops the machine if it is out of reach.
const BootInformation& parse_multiboot(uint64_t physical);
const BootInformation& boot_information();

} // namespace hal::x86
