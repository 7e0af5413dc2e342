// Building the kernel's page tables (see kernel_tables.hpp).
//
// Both the tables and the region records come from one plan, a list of pieces in address
// order, so they cannot disagree. The direct map is cut around the image's physical pages:
// there the alias of each section is read-only unless the section is writable (text
// written through its direct-map address would defeat W^X just as well).
#include <hal/memory.hpp>
#include <kstd/fixed_string.hpp>
#include <kstd/panic.hpp>
#include <mm/kernel_tables.hpp>

namespace mm {
namespace {

constexpr Protection KERNEL_DATA = Protection::Read | Protection::Write | Protection::Global;

struct Piece {
    VirtualAddress virtual_start;
    PhysicalAddress physical_start;
    uint64_t length;
    Protection protection;
    RegionKind kind;
    kstd::FixedString<23> name;
};

Protection image_protection(const hal::ImageSection& section)
{
    Protection protection = Protection::Read | Protection::Global;
    if (section.writable)
        protection = protection | Protection::Write;
    if (section.executable)
        protection = protection | Protection::Execute;
    return protection;
}

Piece direct_map_piece(PhysicalAddress start, PhysicalAddress end, Protection protection, kstd::StringView name)
{
    return { hal::direct_map_base() + start, start, end - start, protection, RegionKind::DirectMap,
             kstd::FixedString<23>(name) };
}

// Calls plan(piece) for every piece of the kernel's mappings, in address order: the direct
// map (with the image's aliases cut out), then the image sections, and stops at the first
// error plan returns. The HAL reports the sections in physical order.
template<typename Plan>
kstd::Result<void> for_each_piece(Plan&& plan)
{
    PhysicalAddress cursor = 0;
    for (size_t index = 0; index < hal::kernel_image_section_count(); ++index) {
        hal::ImageSection section = hal::kernel_image_section(index);
        VERIFY(section.physical_start >= cursor);
        if (section.physical_start > cursor)
            TRY(plan(direct_map_piece(cursor, section.physical_start, KERNEL_DATA, "direct map")));
        Protection alias = image_protection(section) & (Protection::Read | Protection::Write | Protection::Global);
        kstd::FixedString<23> name;
        kstd::format_to(name, "{} alias", section.name);
        TRY(plan(direct_map_piece(section.physical_start, section.physical_start + section.length, alias,
                                  name.view())));
        cursor = section.physical_start + section.length;
    }
    TRY(plan(direct_map_piece(cursor, hal::physical_address_end(), KERNEL_DATA, "direct map")));
    for (size_t index = 0; index < hal::kernel_image_section_count(); ++index) {
        hal::ImageSection section = hal::kernel_image_section(index);
        TRY(plan(Piece { section.virtual_start, section.physical_start, section.length,
                         image_protection(section), RegionKind::KernelImage,
                         kstd::FixedString<23>(section.name) }));
    }
    return {};
}

} // namespace

PageTable build_kernel_tables(FrameSource& boot_frames)
{
    auto created = PageTable::create(boot_frames);
    if (created.is_error())
        PANIC("mm: no frame for the kernel's page-table root");
    PageTable table = created.value();
    if (table.populate_kernel_half().is_error())
        PANIC("mm: no frames for the kernel half of the page tables");
    auto mapped = for_each_piece([&table](const Piece& piece) -> kstd::Result<void> {
        auto piece_mapped = table.map_range(piece.virtual_start, piece.physical_start, piece.length,
                                            piece.protection);
        if (piece_mapped.is_error())
            PANIC("mm: cannot map the kernel's {}: {}", piece.name.view(), piece_mapped.error().name());
        return {};
    });
    VERIFY(!mapped.is_error());
    return table;
}

kstd::Result<void> record_kernel_regions(AddressSpace& kernel)
{
    return for_each_piece([&kernel](const Piece& piece) -> kstd::Result<void> {
        TRY(kernel.add_region(piece.virtual_start, piece.length, piece.protection, piece.kind, piece.name.view()));
        return {};
    });
}

} // namespace mm
