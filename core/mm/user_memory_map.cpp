// UserMemory's system calls on ranges: mmap, munmap, mprotect, brk, and exec's stack (see
// user_memory.hpp). Each checks its arguments as Linux does (man 2 mmap, munmap,
// mprotect, brk), allocates every region object it may need before it changes anything
// (so ENOMEM leaves all as it was), then edits the regions and the tables.
#include <mm/user_memory.hpp>

namespace mm {
namespace {

constexpr Protection ACCESS_BITS = Protection::Read | Protection::Write | Protection::Execute;

bool valid_protection(Protection protection)
{
    return (static_cast<uint8_t>(protection) & ~static_cast<uint8_t>(ACCESS_BITS)) == 0;
}

// Lengths are rounded up to pages; false when that overflows.
bool page_length(uint64_t length, uint64_t& pages)
{
    if (length > UINT64_MAX - (PAGE_SIZE - 1))
        return false;
    pages = align_up(length, PAGE_SIZE);
    return true;
}

} // namespace

kstd::Result<VirtualAddress> UserMemory::map(const MapRequest& request)
{
    if (request.length == 0)
        return kstd::Errno::InvalidArgument;
    uint64_t user_end = m_machine.address_end();
    uint64_t length = 0;
    if (!page_length(request.length, length) || length > user_end)
        return kstd::Errno::OutOfMemory;
    if (!is_aligned(request.file_offset, PAGE_SIZE) || !valid_protection(request.protection)
        || (request.file && request.file_offset + length < request.file_offset))
        return kstd::Errno::InvalidArgument;
    if (request.file && request.shared)
        return kstd::Errno::NoSuchDevice; // shared file mappings: not yet
    if (m_regions.size() >= MAX_REGIONS || length > m_size_limit || mapped_bytes() > m_size_limit - length)
        return kstd::Errno::OutOfMemory;

    VirtualAddress start = 0;
    bool replacing = false;
    if (request.fixed || request.fixed_noreplace) {
        if (request.hint > user_end - length)
            return kstd::Errno::OutOfMemory;
        if (!is_aligned(request.hint, PAGE_SIZE))
            return kstd::Errno::InvalidArgument;
        if (request.hint < MINIMUM_ADDRESS)
            return kstd::Errno::NotPermitted;
        start = request.hint;
        if (!range_is_free(start, start + length)) {
            if (request.fixed_noreplace)
                return kstd::Errno::AlreadyExists;
            replacing = true;
        }
    } else {
        VirtualAddress hint = request.hint <= UINT64_MAX - (PAGE_SIZE - 1) ? align_up(request.hint, PAGE_SIZE) : 0;
        if (hint >= MINIMUM_ADDRESS && hint <= user_end - length && range_is_free_with_gap(hint, hint + length)) {
            start = hint;
        } else {
            auto gap = find_gap(length);
            if (!gap)
                return kstd::Errno::OutOfMemory;
            start = gap.value();
        }
    }

    UserRegion* region = allocate_region();
    if (!region)
        return kstd::Errno::OutOfMemory;
    UserRegion* spare = nullptr;
    if (replacing && regions_to_split(start, start + length) > 0) {
        spare = allocate_region();
        if (!spare) {
            free_region(*region);
            return kstd::Errno::OutOfMemory;
        }
    }
    if (replacing)
        remove_range(start, start + length, spare);
    if (spare)
        free_region(*spare);

    region->start = start;
    region->end = start + length;
    region->protection = request.protection;
    region->kind = request.file ? UserRegionKind::File
                                : (request.shared ? UserRegionKind::Shared : UserRegionKind::Anonymous);
    region->file = request.file;
    region->file_offset = request.file ? request.file_offset : 0;
    if (region->file)
        region->file->retain();
    insert_region(*region);
    merge_in(start, start + length);
    return start;
}

kstd::Result<void> UserMemory::unmap(VirtualAddress start, uint64_t length)
{
    uint64_t user_end = m_machine.address_end();
    uint64_t pages = 0;
    if (!is_aligned(start, PAGE_SIZE) || length == 0 || start > user_end || length > user_end - start
        || !page_length(length, pages) || pages > user_end - start)
        return kstd::Errno::InvalidArgument;
    VirtualAddress end = start + pages;
    UserRegion* spare = nullptr;
    if (regions_to_split(start, end) > 0) {
        if (m_regions.size() >= MAX_REGIONS)
            return kstd::Errno::OutOfMemory;
        spare = allocate_region();
        if (!spare)
            return kstd::Errno::OutOfMemory;
    }
    remove_range(start, end, spare);
    if (spare)
        free_region(*spare);
    return {};
}

// Unlike Linux, which changes the regions before a hole and then fails, a range with a
// hole (or beyond user space) is ENOMEM with nothing changed.
kstd::Result<void> UserMemory::protect(VirtualAddress start, uint64_t length, Protection protection)
{
    if (!is_aligned(start, PAGE_SIZE) || !valid_protection(protection))
        return kstd::Errno::InvalidArgument;
    if (length == 0)
        return {};
    uint64_t pages = 0;
    if (!page_length(length, pages) || start + pages < start || start + pages > m_machine.address_end())
        return kstd::Errno::OutOfMemory;
    VirtualAddress end = start + pages;
    VirtualAddress covered = start;
    for (const UserRegion& region : m_regions) {
        if (region.end <= covered)
            continue;
        if (region.start > covered)
            break;
        covered = region.end;
        if (covered >= end)
            break;
    }
    if (covered < end)
        return kstd::Errno::OutOfMemory;

    UserRegion* first = find_region(start);
    UserRegion* last = find_region(end - 1);
    bool split_first = first->start < start;
    bool split_last = last->end > end;
    if (m_regions.size() + split_first + split_last > MAX_REGIONS)
        return kstd::Errno::OutOfMemory;
    UserRegion* spares[2] = { split_first ? allocate_region() : nullptr, split_last ? allocate_region() : nullptr };
    if ((split_first && !spares[0]) || (split_last && !spares[1])) {
        for (UserRegion* spare : spares) {
            if (spare)
                free_region(*spare);
        }
        return kstd::Errno::OutOfMemory;
    }
    if (split_first)
        split(*first, start, *spares[0]);
    if (split_last)
        split(*find_region(end - 1), end, *spares[1]);
    for (UserRegion& region : m_regions) {
        if (region.start >= end)
            break;
        if (region.start < start)
            continue;
        region.protection = protection;
        if (reprotect_pages(region))
            tell_unmapped(region.start, region.end);
    }
    merge_in(start, end);
    return {};
}

// A start no heap can have (it comes from a program's headers) leaves the heap off: brk
// then answers 0 and a C library falls back to mmap.
void UserMemory::set_initial_break(VirtualAddress start)
{
    bool usable = is_aligned(start, PAGE_SIZE) && start >= MINIMUM_ADDRESS && start < m_machine.address_end();
    m_break_start = usable ? start : 0;
    m_break = m_break_start;
}

// As Linux: the break itself may be any address, the heap region covers it rounded up to
// a page; growing needs the pages up to the new break free, plus one page below the next
// region (the stack's guard gap below a stack).
VirtualAddress UserMemory::set_break(VirtualAddress requested)
{
    if (!m_break_start || requested < m_break_start || requested > m_machine.address_end())
        return m_break;
    VirtualAddress old_top = align_up(m_break, PAGE_SIZE);
    VirtualAddress new_top = align_up(requested, PAGE_SIZE);
    if (new_top == old_top) {
        m_break = requested;
        return m_break;
    }
    if (new_top < old_top) {
        UserRegion* spare = nullptr;
        if (regions_to_split(new_top, old_top) > 0) {
            spare = allocate_region();
            if (!spare)
                return m_break;
        }
        remove_range(new_top, old_top, spare);
        if (spare)
            free_region(*spare);
        m_break = requested;
        return m_break;
    }
    if (new_top - old_top > m_size_limit || mapped_bytes() > m_size_limit - (new_top - old_top))
        return m_break;
    if (UserRegion* next = first_region_ending_above(old_top)) {
        VirtualAddress limit = next->kind == UserRegionKind::Stack
            ? (next->start > STACK_GUARD_GAP ? next->start - STACK_GUARD_GAP : 0)
            : next->start;
        if (next->start < old_top || new_top + PAGE_SIZE > limit)
            return m_break;
    }
    constexpr Protection HEAP = Protection::Read | Protection::Write;
    UserRegion* heap = old_top > m_break_start ? find_region(old_top - 1) : nullptr;
    if (heap && heap->kind == UserRegionKind::Heap && heap->end == old_top && heap->protection == HEAP) {
        heap->end = new_top;
    } else {
        if (m_regions.size() >= MAX_REGIONS)
            return m_break;
        heap = allocate_region();
        if (!heap)
            return m_break;
        heap->start = old_top;
        heap->end = new_top;
        heap->protection = HEAP;
        heap->kind = UserRegionKind::Heap;
        insert_region(*heap);
    }
    m_break = requested;
    return m_break;
}

kstd::Result<void> UserMemory::create_stack(VirtualAddress top, uint64_t initial_size, uint64_t limit)
{
    uint64_t size = 0;
    if (!is_aligned(top, PAGE_SIZE) || top > m_machine.address_end() || initial_size == 0
        || !page_length(initial_size, size) || top < MINIMUM_ADDRESS || size > top - MINIMUM_ADDRESS)
        return kstd::Errno::InvalidArgument;
    if (m_stack_top)
        return kstd::Errno::AlreadyExists;
    if (!range_is_free(top - size, top))
        return kstd::Errno::AlreadyExists;
    UserRegion* stack = allocate_region();
    if (!stack)
        return kstd::Errno::OutOfMemory;
    stack->start = top - size;
    stack->end = top;
    stack->protection = Protection::Read | Protection::Write;
    stack->kind = UserRegionKind::Stack;
    insert_region(*stack);
    m_stack_top = top;
    m_stack_limit = limit > size ? limit : size;
    update_mmap_base();
    return {};
}

} // namespace mm
