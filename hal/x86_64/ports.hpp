// Port I/O for the legacy PC devices (PIC, PIT, UART, i8042, VGA CRTC, ACPI PM ports).
//
// Private to hal/x86_64: core never touches ports. io_wait() gives slow devices such as
// the 8259 time to settle between writes (port 0x80 is the POST diagnostic port, free
// to write).
#pragma once
#include <stdint.h>

namespace hal::x86 {

inline void outb(uint16_t port, uint8_t value)
{
    asm volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

inline uint8_t inb(uint16_t port)
{
    uint8_t value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

inline void outw(uint16_t port, uint16_t value)
{
    asm volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

inline uint16_t inw(uint16_t port)
{
    uint16_t value;
    asm volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

inline void outl(uint16_t port, uint32_t value)
{
    asm volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

inline void io_wait()
{
    outb(0x80, 0);
}

} // namespace hal::x86
