// The C++ entry of the x86_64 kernel: brings the PC up, then hands over to core.
//
// boot/entry64.S calls keel_x86_64_main on the boot stack, with interrupts disabled,
// after clearing .bss, seeding the stack protector and running the global constructors.
// The order below matters: the serial line comes first so every later step can report a
// problem; the GDT (with its TSS) must exist before the IDT refers to its IST stacks;
// SYSCALL's entry and the FPU are ready before anything could run a program; the PIC is
// remapped before anything could unmask a line; the TSC is calibrated before
// core can ask for the time; the boot information is read before the memory allocator
// could reuse it. Also hal/boot.hpp's boot_cmdline(), boot_initrd() and machine_name().
#include <hal/boot.hpp>

#include "bringup.hpp"
#include "layout.hpp"
#include "multiboot.hpp"
#include <kstd/verify.hpp>

extern "C" [[noreturn]] void keel_x86_64_main(uint64_t multiboot_information_physical);

extern "C" void keel_x86_64_main(uint64_t multiboot_information_physical)
{
    using namespace hal::x86;
    serial_init();
    vga_init();
    gdt_init();
    idt_init();
    user_mode_init();
    pic_init();
    timer_init();
    const BootInformation& boot_information = parse_multiboot(multiboot_information_physical);
    memory_init(boot_information);
    acpi_init(boot_information.acpi_rsdp, boot_information.acpi_rsdp_length);
    keyboard_init();
    kernel_main();
}

namespace hal {

const char* boot_cmdline()
{
    return x86::boot_information().command_line;
}

BootImage boot_initrd()
{
    MemoryRange module = x86::boot_information().initrd;
    if (module.length == 0)
        return { nullptr, 0 };
    const void* data = x86::direct_map_pointer(module.base, module.length);
    VERIFY(data != nullptr); // called before mmu_activate(), with the module out of reach
    return { data, module.length };
}

const char* machine_name()
{
    return "x86_64";
}

} // namespace hal
