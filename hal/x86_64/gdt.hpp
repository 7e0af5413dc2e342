// Segment selectors of the kernel's GDT and the interrupt stacks of its TSS.
//
// In long mode segmentation is almost gone, but the CPU still needs a code segment with
// the L bit, data segments for SS/DS, and a Task State Segment: its Interrupt Stack Table
// gives the double-fault and NMI handlers known-good stacks, so a kernel stack overflow
// ends in a report instead of a triple fault. Its RSP0 is the stack the CPU switches to
// when an interrupt or exception arrives from ring 3: run_user (user_run.cpp) points it at
// the calling thread's kernel stack each time it enters user mode.
#pragma once
#include <stdint.h>

namespace hal::x86 {

inline constexpr uint16_t KERNEL_CODE_SELECTOR = 0x08;
inline constexpr uint16_t KERNEL_DATA_SELECTOR = 0x10;
// With the requested privilege level 3 in their low bits, as ring 3 holds them.
inline constexpr uint16_t USER_DATA_SELECTOR = 0x18 | 3;
inline constexpr uint16_t USER_CODE_SELECTOR = 0x20 | 3;

// Interrupt Stack Table slots (1-based, as in the IDT gate's IST field).
inline constexpr uint8_t DOUBLE_FAULT_STACK = 1;
inline constexpr uint8_t NMI_STACK = 2;

// The address of the TSS's RSP0 field (unaligned: the TSS is packed), for run_user.
uint64_t* tss_ring0_stack_slot();

} // namespace hal::x86
