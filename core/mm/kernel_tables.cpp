// Building the kernel's page tables (see kernel_tables.hpp).
#include <hal/memory.hpp>
#include <kstd/panic.hpp>
#include <mm/kernel_tables.hpp>

namespace mm {
namespace {

constexpr Protection DIRECT_MAP_PROTECTION = Protection::Read | Protection::Write | Protection::Global;

Protection image_protection(const hal::ImageSection& section)
{
    Protection protection = Protection::Read | Protection::Global;
    if (section.writable)
        protection = protection | Protection::Write;
    if (section.executable)
        protection = protection | Protection::Execute;
    return protection;
}

void must(kstd::Result<void> result, const char* what)
{
    if (result.is_error())
        PANIC("mm: cannot build the kernel page tables ({}): {}", what, result.error().name());
}

} // namespace

PageTable build_kernel_tables(FrameSource& boot_frames)
{
    auto created = PageTable::create(boot_frames);
    if (created.is_error())
        PANIC("mm: no frame for the kernel's page-table root");
    PageTable table = created.value();
    must(table.populate_kernel_half(), "kernel half");
    must(table.map_range(hal::direct_map_base(), 0, hal::physical_address_end(), DIRECT_MAP_PROTECTION),
         "direct map");
    for (size_t index = 0; index < hal::kernel_image_section_count(); ++index) {
        hal::ImageSection section = hal::kernel_image_section(index);
        must(table.map_range(section.virtual_start, section.physical_start, section.length,
                             image_protection(section)),
             section.name);
    }
    return table;
}

kstd::Result<void> record_kernel_regions(AddressSpace& kernel)
{
    TRY(kernel.add_region(hal::direct_map_base(), hal::physical_address_end(), DIRECT_MAP_PROTECTION,
                          RegionKind::DirectMap, "direct map"));
    for (size_t index = 0; index < hal::kernel_image_section_count(); ++index) {
        hal::ImageSection section = hal::kernel_image_section(index);
        TRY(kernel.add_region(section.virtual_start, section.length, image_protection(section),
                              RegionKind::KernelImage, section.name));
    }
    return {};
}

} // namespace mm
