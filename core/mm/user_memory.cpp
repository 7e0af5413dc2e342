// UserMemory: creating, destroying and forking a user half, and what it adds up to (see
// user_memory.hpp). Regions and their editing (mmap, munmap, mprotect, brk, the stack)
// are in user_memory_regions.cpp and user_memory_map.cpp; pages and faults in
// user_memory_pages.cpp.
//
// Objects (the UserMemory and its regions) come from the kernel heap, so running out of
// them is ENOMEM like running out of frames.
#include <hal/memory.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/user_memory.hpp>

namespace mm {

UserMemory::UserMemory(FrameSource& frames, const PageTable& kernel, PageTable table, UserMachine& machine)
    : m_frames(frames), m_kernel_table(kernel), m_table(table), m_machine(machine)
{
}

kstd::Result<UserMemory*> UserMemory::create(FrameSource& frames, const PageTable& kernel)
{
    return create(frames, kernel, hal_user_machine());
}

kstd::Result<UserMemory*> UserMemory::create(FrameSource& frames, const PageTable& kernel, UserMachine& machine)
{
    PageTable table = TRY(PageTable::create_sharing_kernel_half(frames, kernel));
    void* storage = kmalloc_aligned(sizeof(UserMemory), alignof(UserMemory));
    if (!storage) {
        table.destroy(frames);
        return kstd::Errno::OutOfMemory;
    }
    auto* memory = new (storage) UserMemory(frames, kernel, table, machine);
    if (!machine.create_space(memory->m_space, table.root())) {
        memory->~UserMemory();
        kfree(memory);
        table.destroy(frames);
        return kstd::Errno::TryAgain;
    }
    memory->update_mmap_base();
    return memory;
}

void UserMemory::destroy(UserMemory* memory)
{
    // The machine goes first (the sim's stub stops mapping the frames); nothing is
    // flushed page by page, since the space is never run again.
    memory->m_machine.destroy_space(memory->m_space);
    while (UserRegion* region = memory->m_regions.front()) {
        memory->drop_pages(region->start, region->end);
        memory->free_region(*region);
    }
    VERIFY(!memory->m_table.next_leaf(0, memory->m_machine.address_end()));
    memory->m_table.destroy(memory->m_frames);
    memory->~UserMemory();
    kfree(memory);
}

// Shared anonymous regions are populated in the parent first: a page first touched after
// the fork must be the same frame in both, and a frame is only shared once it exists
// (Linux backs such a region with a shmem file instead, filled lazily).
kstd::Result<UserMemory*> UserMemory::fork()
{
    for (UserRegion& region : m_regions) {
        if (region.kind == UserRegionKind::Shared)
            TRY(populate_all(region));
    }
    UserMemory* child = TRY(create(m_frames, m_kernel_table, m_machine));
    child->m_break_start = m_break_start;
    child->m_break = m_break;
    child->m_size_limit = m_size_limit;
    child->m_stack_top = m_stack_top;
    child->m_stack_limit = m_stack_limit;
    child->m_mmap_base = m_mmap_base;
    for (UserRegion& region : m_regions) {
        UserRegion* copy = allocate_region();
        if (!copy) {
            destroy(child);
            return kstd::Errno::OutOfMemory;
        }
        copy->start = region.start;
        copy->end = region.end;
        copy->protection = region.protection;
        copy->kind = region.kind;
        copy->file_offset = region.file_offset;
        copy->file = region.file;
        if (copy->file)
            copy->file->retain();
        child->m_regions.push_back(*copy);
        auto copied = copy_pages_into(*child, region);
        if (copied.is_error()) {
            destroy(child);
            return copied.release_error();
        }
    }
    return child;
}

// Every page of `region` (mapped or parked) goes into `child` with one more reference; a
// writable private page becomes read-only in both, so the first write copies it.
kstd::Result<void> UserMemory::copy_pages_into(UserMemory& child, const UserRegion& region)
{
    bool downgraded = false;
    for (auto leaf = m_table.next_leaf(region.start, region.end); leaf;
         leaf = m_table.next_leaf(leaf.value().virtual_start + PAGE_SIZE, region.end)) {
        VERIFY(leaf.value().size == PageSize::Small);
        VirtualAddress page = leaf.value().virtual_start;
        PhysicalAddress frame = leaf.value().physical_start;
        m_frames.retain_frame(frame);
        bool parked = leaf.value().parked;
        Protection protection = parked ? Protection::Read | Protection::User : entry_protection(region, frame);
        auto mapped = child.m_table.map(page, frame, PageSize::Small, protection);
        if (mapped.is_error()) {
            m_frames.release_frame(frame);
            if (downgraded)
                tell_unmapped(region.start, region.end);
            return mapped.release_error();
        }
        if (parked) {
            VERIFY(!child.m_table.park(page).is_error());
        } else if (protection != leaf.value().protection) {
            VERIFY(!m_table.protect(page, protection).is_error());
            downgraded = true;
        }
    }
    if (downgraded)
        tell_unmapped(region.start, region.end);
    return {};
}

uint64_t UserMemory::resident_bytes() const
{
    uint64_t bytes = 0;
    for (const UserRegion& region : m_regions) {
        for (auto leaf = m_table.next_leaf(region.start, region.end); leaf;
             leaf = m_table.next_leaf(leaf.value().virtual_start + PAGE_SIZE, region.end))
            bytes += PAGE_SIZE;
    }
    return bytes;
}

uint64_t UserMemory::mapped_bytes() const
{
    uint64_t bytes = 0;
    for (const UserRegion& region : m_regions)
        bytes += region.length();
    return bytes;
}

} // namespace mm
