// AddressSpace: regions on top of a PageTable (see address_space.hpp).
//
// Address spaces and regions live in named object caches ("address_space", "region"), so
// `mem` shows how many there are, whichever kernel heap heap= chose.
#include <hal/memory.hpp>
#include <mm/address_space.hpp>
#include <mm/kernel_object_cache.hpp>

#include <new>

namespace mm {
namespace {

ObjectCache& region_cache()
{
    return kernel_object_cache<Region>("region");
}

ObjectCache& address_space_cache()
{
    return kernel_object_cache<AddressSpace>("address_space");
}

} // namespace

kstd::StringView region_kind_name(RegionKind kind)
{
    switch (kind) {
    case RegionKind::DirectMap:
        return "direct map";
    case RegionKind::KernelImage:
        return "kernel image";
    case RegionKind::KernelStack:
        return "kernel stack";
    case RegionKind::StackGuard:
        return "stack guard page";
    case RegionKind::DemandZero:
        return "demand-zero";
    }
    return "?";
}

AddressSpace* AddressSpace::make(FrameSource& frames, PageTable table, bool is_kernel)
{
    void* memory = address_space_cache().allocate();
    return memory ? new (memory) AddressSpace(frames, table, is_kernel) : nullptr;
}

kstd::Result<AddressSpace*> AddressSpace::create(FrameSource& frames, const AddressSpace& kernel)
{
    PageTable table = TRY(PageTable::create_sharing_kernel_half(frames, kernel.m_table));
    auto* space = make(frames, table, false);
    if (!space) {
        table.destroy(frames);
        return kstd::Errno::OutOfMemory;
    }
    return space;
}

kstd::Result<AddressSpace*> AddressSpace::adopt_kernel_table(FrameSource& frames, PageTable table)
{
    auto* space = make(frames, table, true);
    if (!space)
        return kstd::Errno::OutOfMemory;
    return space;
}

void AddressSpace::destroy(AddressSpace* space)
{
    VERIFY(!space->m_is_kernel);
    while (Region* region = space->m_regions.front())
        space->remove_region(*region);
    space->m_table.destroy(space->m_frames);
    destroy_in(address_space_cache(), space);
}

kstd::Result<Region*> AddressSpace::add_region(VirtualAddress start, uint64_t length,
                                               Protection protection, RegionKind kind,
                                               kstd::StringView name)
{
    if (length == 0 || !is_aligned(start, PAGE_SIZE) || !is_aligned(length, PAGE_SIZE)
        || start + length < start)
        return kstd::Errno::InvalidArgument;
    for (const Region& region : m_regions)
        if (start < region.end() && region.start < start + length)
            return kstd::Errno::AlreadyExists;
    return insert_region(start, length, protection, kind, name);
}

kstd::Result<Region*> AddressSpace::add_region_in(VirtualAddress window_start, VirtualAddress window_end,
                                                  uint64_t length, Protection protection,
                                                  RegionKind kind, kstd::StringView name)
{
    if (length == 0 || !is_aligned(length, PAGE_SIZE))
        return kstd::Errno::InvalidArgument;
    VirtualAddress candidate = window_start;
    for (const Region& region : m_regions) {
        if (region.end() <= candidate)
            continue;
        if (region.start >= window_end)
            break;
        if (region.start >= candidate && region.start - candidate >= length)
            break;
        candidate = region.end();
    }
    if (candidate >= window_end || window_end - candidate < length)
        return kstd::Errno::OutOfMemory;
    return insert_region(candidate, length, protection, kind, name);
}

kstd::Result<Region*> AddressSpace::insert_region(VirtualAddress start, uint64_t length,
                                                  Protection protection, RegionKind kind,
                                                  kstd::StringView name)
{
    void* memory = region_cache().allocate();
    if (!memory)
        return kstd::Errno::OutOfMemory;
    auto* region = new (memory) Region();
    region->start = start;
    region->length = length;
    region->protection = protection;
    region->kind = kind;
    region->name.write(name);
    for (Region& next : m_regions) {
        if (next.start > start) {
            m_regions.insert_before(next, *region);
            return region;
        }
    }
    m_regions.push_back(*region);
    return region;
}

void AddressSpace::remove_region(Region& region)
{
    for (VirtualAddress page = region.start; page < region.end(); page += PAGE_SIZE) {
        auto unmapped = m_table.unmap(page, PageSize::Small);
        if (unmapped.is_error())
            continue;
        tell_machine_unmapped(page, PAGE_SIZE);
        if (region.kind == RegionKind::DemandZero || region.kind == RegionKind::KernelStack)
            m_frames.free_frames(unmapped.value(), 0);
    }
    m_regions.remove(region);
    destroy_in(region_cache(), &region);
}

Region* AddressSpace::find_region(VirtualAddress address) const
{
    for (Region& region : m_regions) {
        if (region.contains(address))
            return &region;
        if (region.start > address)
            break;
    }
    return nullptr;
}

kstd::Result<void> AddressSpace::map_zeroed_page(Region& region, VirtualAddress address)
{
    VERIFY(region.contains(address));
    VirtualAddress page = align_down(address, PAGE_SIZE);
    PhysicalAddress frame = TRY(m_frames.allocate_frames(0));
    __builtin_memset(hal::phys_to_virt(frame), 0, PAGE_SIZE);
    auto mapped = m_table.map(page, frame, PageSize::Small, region.protection);
    if (mapped.is_error()) {
        m_frames.free_frames(frame, 0);
        return mapped.release_error();
    }
    tell_machine_mapped(page, frame, PAGE_SIZE, region.protection);
    return {};
}

void AddressSpace::tell_machine_mapped(VirtualAddress start, PhysicalAddress physical, uint64_t length,
                                       Protection protection) const
{
    if (m_is_kernel)
        hal::mmu_mapped(start, physical, length, allows(protection, Protection::Write),
                        allows(protection, Protection::Execute));
}

void AddressSpace::tell_machine_unmapped(VirtualAddress start, uint64_t length) const
{
    if (m_is_kernel)
        hal::mmu_unmapped(start, length);
}

} // namespace mm
