// The Interrupt Descriptor Table and the C++ side of interrupt entry.
//
// Every vector gets an interrupt gate (IF cleared on entry) pointing at its stub in
// interrupt_entry.S. The double fault and NMI gates switch to their own stacks through
// the TSS's Interrupt Stack Table (gdt.hpp), so they work even when the kernel stack is
// gone. The gates have DPL 0 (an `int n` from ring 3 is a #GP) but those of int3 and into,
// which programs may raise, as on Linux. keel_interrupt_dispatch sorts frames: anything
// from ring 3 but an NMI, double fault or machine check ends the program's run
// (user_traps.cpp); in the kernel, vectors 0-31 are CPU exceptions (a fault in a copy
// routine goes to its fixup, user_copy.cpp; the others are reported to core by traps.cpp),
// 0x20-0x2F the remapped 8259 lines (irq.cpp), anything else is a bug and is reported like
// an exception. Gate layout: Intel SDM vol. 3, 6.14.1.
#include "bringup.hpp"
#include "descriptor_table_pointer.hpp"
#include "gdt.hpp"
#include "interrupt_frame.hpp"
#include "interrupt_vectors.h"
#include "user_mode.hpp"
#include <hal/irq.hpp>

extern "C" char keel_interrupt_stubs[];
extern "C" void keel_interrupt_dispatch(hal::x86::InterruptFrame* frame);

namespace hal::x86 {
namespace {

constexpr unsigned VECTOR_COUNT = 256;
constexpr unsigned VECTOR_NMI = 2;
constexpr unsigned VECTOR_BREAKPOINT = 3;
constexpr unsigned VECTOR_OVERFLOW = 4;
constexpr unsigned VECTOR_DOUBLE_FAULT = 8;
constexpr unsigned VECTOR_MACHINE_CHECK = 18;
constexpr uint8_t GATE_PRESENT_INTERRUPT = 0x8E; // present, ring 0, 64-bit interrupt gate
constexpr uint8_t GATE_PRIVILEGE_3 = 3 << 5;     // `int n` allowed from ring 3

struct [[gnu::packed]] Gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t interrupt_stack;
    uint8_t type_and_attributes;
    uint16_t offset_middle;
    uint32_t offset_high;
    uint32_t reserved;
};
static_assert(sizeof(Gate) == 16);

alignas(16) Gate g_idt[VECTOR_COUNT];

Gate make_gate(uint64_t handler, uint8_t interrupt_stack, uint8_t privilege)
{
    return Gate {
        .offset_low = static_cast<uint16_t>(handler),
        .selector = KERNEL_CODE_SELECTOR,
        .interrupt_stack = interrupt_stack,
        .type_and_attributes = static_cast<uint8_t>(GATE_PRESENT_INTERRUPT | privilege),
        .offset_middle = static_cast<uint16_t>(handler >> 16),
        .offset_high = static_cast<uint32_t>(handler >> 32),
        .reserved = 0,
    };
}

} // namespace

void idt_init()
{
    for (unsigned vector = 0; vector < VECTOR_COUNT; ++vector) {
        auto stub = reinterpret_cast<uint64_t>(keel_interrupt_stubs + vector * KEEL_INTERRUPT_STUB_SIZE);
        uint8_t stack = 0;
        if (vector == VECTOR_DOUBLE_FAULT)
            stack = DOUBLE_FAULT_STACK;
        else if (vector == VECTOR_NMI)
            stack = NMI_STACK;
        bool user_may_raise = vector == VECTOR_BREAKPOINT || vector == VECTOR_OVERFLOW;
        g_idt[vector] = make_gate(stub, stack, user_may_raise ? GATE_PRIVILEGE_3 : 0);
    }
    DescriptorTablePointer pointer { sizeof(g_idt) - 1, reinterpret_cast<uint64_t>(g_idt) };
    asm volatile("lidt %0" : : "m"(pointer) : "memory");
}

} // namespace hal::x86

extern "C" void keel_interrupt_dispatch(hal::x86::InterruptFrame* frame)
{
    using namespace hal::x86;
    bool from_user_mode = (frame->cs & 3) != 0;
    if (from_user_mode && frame->vector != VECTOR_NMI && frame->vector != VECTOR_DOUBLE_FAULT
        && frame->vector != VECTOR_MACHINE_CHECK)
        leave_user_mode(*frame);
    if (frame->vector < EXCEPTION_COUNT) {
        if (fix_up_user_access(*frame))
            return;
        if (resolve_page_fault(*frame))
            return;
        report_trap(*frame);
    }
    if (frame->vector >= PIC_VECTOR_BASE && frame->vector < PIC_VECTOR_BASE + hal::IRQ_LINES) {
        dispatch_irq(static_cast<unsigned>(frame->vector - PIC_VECTOR_BASE));
        return;
    }
    report_trap(*frame);
}
