// The Global Descriptor Table and the Task State Segment.
//
// Layout (the order SYSCALL/SYSRET want: user data right before user code, see
// user_cpu.cpp's STAR):
//   0x00 null, 0x08 kernel code, 0x10 kernel data, 0x18 user data, 0x20 user code,
//   0x28 TSS (a 16-byte system descriptor).
// The TSS serves the Interrupt Stack Table (see gdt.hpp) and RSP0, the kernel stack for
// interrupts from ring 3 (set by run_user). DS and ES hold the null selector, as they do
// for a 64-bit Linux program (long mode ignores them; SYSRET does not reload them, so
// whatever the kernel left there is what the program sees). Bit layouts: Intel SDM vol. 3,
// 3.4.5 (segment descriptors) and 8.7 (64-bit TSS).
#include "gdt.hpp"

#include "bringup.hpp"
#include "descriptor_table_pointer.hpp"
#include <stddef.h>

namespace hal::x86 {
namespace {

struct [[gnu::packed]] TaskStateSegment {
    uint32_t reserved0;
    uint64_t privilege_stack[3];
    uint64_t reserved1;
    uint64_t interrupt_stack[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t io_map_base;
};
static_assert(sizeof(TaskStateSegment) == 104);

constexpr uint64_t DESCRIPTOR_ACCESSED = 1ull << 40;
constexpr uint64_t DESCRIPTOR_WRITABLE_OR_READABLE = 1ull << 41;
constexpr uint64_t DESCRIPTOR_EXECUTABLE = 1ull << 43;
constexpr uint64_t DESCRIPTOR_CODE_OR_DATA = 1ull << 44;
constexpr int DESCRIPTOR_PRIVILEGE_SHIFT = 45;
constexpr uint64_t DESCRIPTOR_PRESENT = 1ull << 47;
constexpr uint64_t DESCRIPTOR_LONG_MODE = 1ull << 53;
constexpr uint64_t SYSTEM_TYPE_AVAILABLE_TSS = 0x9ull << 40;

constexpr uint64_t segment(bool code, uint64_t privilege)
{
    uint64_t descriptor = DESCRIPTOR_PRESENT | DESCRIPTOR_CODE_OR_DATA | DESCRIPTOR_ACCESSED
        | DESCRIPTOR_WRITABLE_OR_READABLE | privilege << DESCRIPTOR_PRIVILEGE_SHIFT;
    if (code)
        descriptor |= DESCRIPTOR_EXECUTABLE | DESCRIPTOR_LONG_MODE;
    return descriptor;
}

enum GdtSlot : size_t { NULL_SLOT, KERNEL_CODE, KERNEL_DATA, USER_DATA, USER_CODE, TSS_LOW, TSS_HIGH, SLOTS };
constexpr uint16_t TSS_SELECTOR = TSS_LOW * 8;
static_assert(KERNEL_CODE_SELECTOR == KERNEL_CODE * 8 && KERNEL_DATA_SELECTOR == KERNEL_DATA * 8);
static_assert(USER_DATA_SELECTOR == (USER_DATA * 8 | 3) && USER_CODE_SELECTOR == (USER_CODE * 8 | 3));

constexpr size_t IST_STACK_SIZE = 16 * 1024;
alignas(16) uint8_t g_double_fault_stack[IST_STACK_SIZE];
alignas(16) uint8_t g_nmi_stack[IST_STACK_SIZE];

TaskStateSegment g_tss;
alignas(8) uint64_t g_gdt[SLOTS];

void install_tss_descriptor()
{
    auto base = reinterpret_cast<uint64_t>(&g_tss);
    uint64_t limit = sizeof(TaskStateSegment) - 1;
    g_gdt[TSS_LOW] = (limit & 0xFFFF) | (base & 0xFF'FFFF) << 16 | SYSTEM_TYPE_AVAILABLE_TSS
        | DESCRIPTOR_PRESENT | ((limit >> 16) & 0xF) << 48 | ((base >> 24) & 0xFF) << 56;
    g_gdt[TSS_HIGH] = base >> 32;
}

} // namespace

void gdt_init()
{
    g_tss.interrupt_stack[DOUBLE_FAULT_STACK - 1]
        = reinterpret_cast<uint64_t>(g_double_fault_stack + IST_STACK_SIZE);
    g_tss.interrupt_stack[NMI_STACK - 1] = reinterpret_cast<uint64_t>(g_nmi_stack + IST_STACK_SIZE);
    g_tss.io_map_base = sizeof(TaskStateSegment); // no I/O permission bitmap

    g_gdt[NULL_SLOT] = 0;
    g_gdt[KERNEL_CODE] = segment(true, 0);
    g_gdt[KERNEL_DATA] = segment(false, 0);
    g_gdt[USER_DATA] = segment(false, 3);
    g_gdt[USER_CODE] = segment(true, 3);
    install_tss_descriptor();

    DescriptorTablePointer pointer { sizeof(g_gdt) - 1, reinterpret_cast<uint64_t>(g_gdt) };
    // Reload CS with a far return, then SS, the null selector in the other segment
    // registers, and the task register.
    asm volatile("lgdt %[pointer]\n\t"
                 "pushq %[code]\n\t"
                 "leaq 1f(%%rip), %%rax\n\t"
                 "pushq %%rax\n\t"
                 "lretq\n"
                 "1:\n\t"
                 "movw %[data], %%ax\n\t"
                 "movw %%ax, %%ss\n\t"
                 "xorl %%eax, %%eax\n\t"
                 "movw %%ax, %%ds\n\t"
                 "movw %%ax, %%es\n\t"
                 "movw %%ax, %%fs\n\t"
                 "movw %%ax, %%gs\n\t"
                 "ltr %w[tss]"
                 :
                 : [pointer] "m"(pointer), [code] "i"(KERNEL_CODE_SELECTOR),
                   [data] "i"(KERNEL_DATA_SELECTOR), [tss] "r"(TSS_SELECTOR)
                 : "rax", "memory");
}

uint64_t* tss_ring0_stack_slot()
{
    return reinterpret_cast<uint64_t*>(reinterpret_cast<uintptr_t>(&g_tss)
                                       + offsetof(TaskStateSegment, privilege_stack));
}

} // namespace hal::x86
