// The steps that bring the PC up before kernel_main(), in the order boot.cpp runs them.
//
// Each is defined in the file of the device it prepares. They run once, on the boot
// stack, with interrupts disabled.
#pragma once
#include <stddef.h>

namespace hal::x86 {

struct BootInformation;

void serial_init();                  // console.cpp: COM1 at 115200 8N1, receive IRQ on
void vga_init();                     // console.cpp: cursor shape on
void gdt_init();                     // gdt.cpp: GDT with a TSS and its IST stacks
void idt_init();                     // idt.cpp: all 256 vectors
void user_mode_init();               // user_cpu.cpp: SYSCALL, SSE, SMEP/SMAP
void pic_init();                     // pic.cpp: 8259s at 0x20..0x2F, every line masked
void timer_init();                   // timer.cpp: TSC calibrated against the PIT
void memory_init(const BootInformation& boot_information); // memory.cpp
void acpi_init(const void* rsdp, size_t rsdp_length); // acpi.cpp: S5 sleep state for power_off
void keyboard_init();                // keyboard.cpp: drains the i8042 output buffer

} // namespace hal::x86
