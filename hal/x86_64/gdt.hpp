// Segment selectors of the kernel's GDT and the interrupt stacks of its TSS.
//
// In long mode segmentation is almost gone, but the CPU still needs a code segment with
// the L bit, data segments for SS/DS, and a Task State Segment: its Interrupt Stack Table
// gives the double-fault and NMI handlers known-good stacks, so a kernel stack overflow
// ends in a report instead of a triple fault.
#pragma once
#include <stdint.h>

namespace hal::x86 {

inline constexpr uint16_t KERNEL_CODE_SELECTOR = 0x08;
inline constexpr uint16_t KERNEL_DATA_SELECTOR = 0x10;

// Interrupt Stack Table slots (1-based, as in the IDT gate's IST field).
inline constexpr uint8_t DOUBLE_FAULT_STACK = 1;
inline constexpr uint8_t NMI_STACK = 2;

} // namespace hal::x86
