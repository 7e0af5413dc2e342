// The operand of LGDT and LIDT: a 16-bit limit (the table's size in bytes minus one)
// followed by the table's 64-bit linear base address, packed (Intel SDM vol. 3, 3.5.1).
//
// Private to hal/x86_64: gdt.cpp and idt.cpp load their tables with it, and power.cpp
// loads an empty IDT to force a triple fault.
#pragma once
#include <stdint.h>

namespace hal::x86 {

struct [[gnu::packed]] DescriptorTablePointer {
    uint16_t limit;
    uint64_t base;
};
static_assert(sizeof(DescriptorTablePointer) == 10);

} // namespace hal::x86
