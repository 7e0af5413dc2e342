// UserMemory's region list: lookups, free ranges, splitting and removing ranges, the
// stack's growth and the mmap base (see user_memory.hpp).
//
// Linux's layout: the stack at the top, the mmap base below it by the stack's limit plus
// its guard gap (at least 128 MiB, at most 5/6 of the space), mappings without a usable
// hint placed top down below the mmap base, the heap low, above the program. Nothing is
// randomized.
#include <mm/heap/kmalloc.hpp>
#include <mm/user_memory.hpp>

#include <new>

namespace mm {
namespace {

constexpr uint64_t MINIMUM_MMAP_GAP = 128 * 1024 * 1024;

// Where a region's neighbour below must end: a stack keeps its guard gap free.
VirtualAddress start_with_gap(const UserRegion& region)
{
    if (region.kind != UserRegionKind::Stack)
        return region.start;
    return region.start > UserMemory::STACK_GUARD_GAP ? region.start - UserMemory::STACK_GUARD_GAP : 0;
}

} // namespace

UserRegion* UserMemory::find_region(VirtualAddress address) const
{
    for (UserRegion& region : m_regions) {
        if (region.contains(address))
            return &region;
        if (region.start > address)
            break;
    }
    return nullptr;
}

UserRegion* UserMemory::first_region_ending_above(VirtualAddress address) const
{
    for (UserRegion& region : m_regions) {
        if (region.end > address)
            return &region;
    }
    return nullptr;
}

bool UserMemory::range_is_free(VirtualAddress start, VirtualAddress end) const
{
    UserRegion* next = first_region_ending_above(start);
    return !next || next->start >= end;
}

bool UserMemory::range_is_free_with_gap(VirtualAddress start, VirtualAddress end) const
{
    UserRegion* next = first_region_ending_above(start);
    return !next || (next->start >= end && start_with_gap(*next) >= end);
}

kstd::Optional<VirtualAddress> UserMemory::highest_gap(VirtualAddress low, VirtualAddress high, uint64_t length) const
{
    kstd::Optional<VirtualAddress> best;
    auto consider = [&](VirtualAddress gap_start, VirtualAddress gap_end) {
        gap_end = gap_end < high ? gap_end : high;
        if (gap_end > gap_start && gap_end - gap_start >= length)
            best = gap_end - length; // gaps come in ascending order: the last fit is the highest
    };
    VirtualAddress gap_start = low;
    for (const UserRegion& region : m_regions) {
        if (gap_start >= high)
            break;
        consider(gap_start, start_with_gap(region));
        gap_start = region.end > gap_start ? region.end : gap_start;
    }
    consider(gap_start, high);
    return best;
}

kstd::Optional<VirtualAddress> UserMemory::find_gap(uint64_t length) const
{
    if (auto below_base = highest_gap(MINIMUM_ADDRESS, m_mmap_base, length))
        return below_base;
    return highest_gap(MINIMUM_ADDRESS, m_machine.address_end(), length);
}

void UserMemory::update_mmap_base()
{
    VirtualAddress top = m_stack_top ? m_stack_top : m_machine.address_end();
    uint64_t gap = m_stack_limit + STACK_GUARD_GAP;
    gap = gap < MINIMUM_MMAP_GAP ? MINIMUM_MMAP_GAP : gap;
    uint64_t maximum_gap = top / 6 * 5;
    gap = gap > maximum_gap ? maximum_gap : gap;
    m_mmap_base = align_down(top - gap, PAGE_SIZE);
}

UserRegion* UserMemory::allocate_region()
{
    void* storage = kmalloc_aligned(sizeof(UserRegion), alignof(UserRegion));
    if (!storage)
        return nullptr;
    auto* region = new (storage) UserRegion();
    region->start = region->end = 0;
    region->protection = Protection::None;
    region->kind = UserRegionKind::Anonymous;
    return region;
}

void UserMemory::free_region(UserRegion& region)
{
    if (m_regions.contains(region))
        m_regions.remove(region);
    if (region.file)
        region.file->release();
    region.~UserRegion();
    kfree(&region);
}

void UserMemory::insert_region(UserRegion& region)
{
    for (UserRegion& next : m_regions) {
        if (next.start > region.start) {
            m_regions.insert_before(next, region);
            return;
        }
    }
    m_regions.push_back(region);
}

// `region` keeps [start, at); `upper` (a blank from allocate_region) becomes [at, end).
void UserMemory::split(UserRegion& region, VirtualAddress at, UserRegion& upper)
{
    VERIFY(region.start < at && at < region.end);
    upper.start = at;
    upper.end = region.end;
    upper.protection = region.protection;
    upper.kind = region.kind;
    upper.file = region.file;
    upper.file_offset = region.file_offset + (at - region.start);
    if (upper.file)
        upper.file->retain();
    region.end = at;
    insert_region(upper);
}

// Whether `high`, just above `low`, can be one region with it: same kind and protection,
// and for a file the same file at the next offset. Shared regions stay apart (Linux
// merges them only within one shmem object).
static bool mergeable(const UserRegion& low, const UserRegion& high)
{
    if (low.end != high.start || low.kind != high.kind || low.protection != high.protection)
        return false;
    if (low.kind == UserRegionKind::Shared)
        return false;
    if (low.kind == UserRegionKind::File)
        return low.file == high.file && low.file_offset + low.length() == high.file_offset;
    return true;
}

// Merges the neighbours that meet at a point of [start, end], as Linux's vma_merge does
// after mmap and mprotect, so a split range put back the way it was is one region again.
void UserMemory::merge_in(VirtualAddress start, VirtualAddress end)
{
    UserRegion* low = nullptr;
    for (auto next = m_regions.begin(); next != m_regions.end();) {
        UserRegion& high = *next;
        ++next; // before `high` may go
        if (low && high.start >= start && high.start <= end && mergeable(*low, high)) {
            low->end = high.end;
            free_region(high);
            continue;
        }
        low = &high;
    }
}

// How many new region objects cutting [start, end) out of the list takes: one when a
// region reaches past both ends (it becomes two).
size_t UserMemory::regions_to_split(VirtualAddress start, VirtualAddress end) const
{
    UserRegion* region = find_region(start);
    return region && region->start < start && region->end > end ? 1 : 0;
}

// munmap's work: drops the pages of [start, end) and the regions' parts there. `spare`
// is a blank region for the one split that may be needed; it is set to nullptr if used.
void UserMemory::remove_range(VirtualAddress start, VirtualAddress end, UserRegion*& spare)
{
    while (UserRegion* region = first_region_ending_above(start)) {
        if (region->start >= end)
            break;
        VirtualAddress from = region->start > start ? region->start : start;
        VirtualAddress to = region->end < end ? region->end : end;
        if (drop_pages(from, to))
            tell_unmapped(from, to);
        if (region->start < from && region->end > to) {
            VERIFY(spare);
            split(*region, to, *spare);
            spare = nullptr;
            region->end = from;
        } else if (region->start < from) {
            region->end = from;
        } else if (region->end > to) {
            region->file_offset += to - region->start;
            region->start = to;
        } else {
            free_region(*region);
        }
        start = to;
    }
}

// A fault at `address`, in no region, just below a stack region: the stack grows down to
// it if that stays within the stack's limit and a guard gap above the region below
// (Linux's expand_downwards; a PROT_NONE region below needs no gap).
bool UserMemory::try_grow_stack(VirtualAddress address)
{
    if (!m_stack_top)
        return false;
    UserRegion* stack = first_region_ending_above(address);
    if (!stack || stack->kind != UserRegionKind::Stack || stack->start <= address)
        return false;
    VirtualAddress page = align_down(address, PAGE_SIZE);
    VirtualAddress lowest = m_stack_limit < m_stack_top ? m_stack_top - m_stack_limit : 0;
    if (page < lowest || page < MINIMUM_ADDRESS)
        return false;
    const UserRegion* below = nullptr;
    for (const UserRegion& region : m_regions) {
        if (&region == stack)
            break;
        below = &region;
    }
    if (below && below->kind != UserRegionKind::Stack && below->protection != Protection::None
        && page - below->end < STACK_GUARD_GAP)
        return false;
    stack->start = page;
    return true;
}

} // namespace mm
