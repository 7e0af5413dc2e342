// UserMemory's pages: faults, demand zero, file pages, copy on write, and the kernel's
// ways in (make_present, write). See user_memory.hpp.
//
// What a page is lives in the tables alone: not there; mapped (its protection follows
// the region's, without Write while a private frame is shared: copy on write); or parked
// (a PROT_NONE region's page keeps its frame in a non-present entry, since x86_64 has no
// present page that cannot be read). A frame's reference count says how many tables hold
// it: a private page whose frame has one reference is ours alone and may be written in
// place.
#include <hal/memory.hpp>
#include <mm/user_memory.hpp>

namespace mm {
namespace {

constexpr Protection USER_READ = Protection::Read | Protection::User;

void* frame_bytes(PhysicalAddress frame)
{
    return hal::phys_to_virt(frame);
}

} // namespace

// Write-only is read+write and exec-only is read+exec, as x86_64 maps them.
Protection UserMemory::entry_protection(const UserRegion& region, PhysicalAddress frame) const
{
    Protection protection = USER_READ;
    if (allows(region.protection, Protection::Execute))
        protection = protection | Protection::Execute;
    if (allows(region.protection, Protection::Write)
        && (region.kind == UserRegionKind::Shared || m_frames.frame_references(frame) == 1))
        protection = protection | Protection::Write;
    return protection;
}

void UserMemory::tell_unmapped(VirtualAddress start, VirtualAddress end)
{
    m_machine.unmapped(m_space, start, end - start);
}

// A new frame for `page`: zeroed, or read from the region's file (a failed read is EIO).
kstd::Result<PhysicalAddress> UserMemory::fill_new_frame(const UserRegion& region, VirtualAddress page)
{
    PhysicalAddress frame = TRY(m_frames.allocate_frames(0));
    if (region.kind != UserRegionKind::File) {
        __builtin_memset(frame_bytes(frame), 0, PAGE_SIZE);
        return frame;
    }
    auto read = region.file->read_page(region.file_offset + (page - region.start), frame_bytes(frame));
    if (read.is_error()) {
        m_frames.free_frames(frame, 0);
        return kstd::Errno::IoError;
    }
    return frame;
}

// Makes `page` of `region` present (parked in a PROT_NONE region) and returns its frame.
// With `exclusive`, a private page ends up in a frame of its own (copied if shared) and
// mapped writable if the region is. ENOMEM or EIO with nothing changed.
kstd::Result<PhysicalAddress> UserMemory::populate(UserRegion& region, VirtualAddress page, bool exclusive)
{
    auto leaf = m_table.next_leaf(page, page + PAGE_SIZE);
    if (!leaf) {
        PhysicalAddress frame = TRY(fill_new_frame(region, page));
        bool none = region.protection == Protection::None;
        auto mapped = m_table.map(page, frame, PageSize::Small, none ? USER_READ : entry_protection(region, frame));
        if (mapped.is_error()) {
            m_frames.free_frames(frame, 0);
            return mapped.release_error();
        }
        if (none)
            VERIFY(!m_table.park(page).is_error());
        return frame;
    }
    VERIFY(leaf.value().size == PageSize::Small);
    PhysicalAddress frame = leaf.value().physical_start;
    if (!exclusive || region.kind == UserRegionKind::Shared)
        return frame;
    if (m_frames.frame_references(frame) > 1) {
        // Copy on write: the others keep the old frame.
        PhysicalAddress copy = TRY(m_frames.allocate_frames(0));
        __builtin_memcpy(frame_bytes(copy), frame_bytes(frame), PAGE_SIZE);
        auto replaced = m_table.replace_frame(page, copy, entry_protection(region, copy));
        VERIFY(!replaced.is_error() && replaced.value() == frame);
        m_frames.release_frame(frame);
        if (!leaf.value().parked)
            tell_unmapped(page, page + PAGE_SIZE);
        return copy;
    }
    if (!leaf.value().parked && leaf.value().protection != entry_protection(region, frame)) {
        // The last sharer went: ours alone now, so writable again in place.
        VERIFY(!m_table.protect(page, entry_protection(region, frame)).is_error());
        tell_unmapped(page, page + PAGE_SIZE);
    }
    return frame;
}

kstd::Result<void> UserMemory::populate_all(UserRegion& region)
{
    for (VirtualAddress page = region.start; page < region.end; page += PAGE_SIZE)
        TRY(populate(region, page, false));
    return {};
}

// Unmaps every page of [start, end) and drops its frame reference; true when one of them
// was mapped (not parked), so the caller must tell the machine. One CPU: no access can
// reach a freed frame between here and that call.
bool UserMemory::drop_pages(VirtualAddress start, VirtualAddress end)
{
    bool was_mapped = false;
    while (auto leaf = m_table.next_leaf(start, end)) {
        VERIFY(leaf.value().size == PageSize::Small);
        auto unmapped = m_table.unmap(leaf.value().virtual_start, PageSize::Small);
        VERIFY(!unmapped.is_error());
        m_frames.release_frame(unmapped.value());
        was_mapped = was_mapped || !leaf.value().parked;
        start = leaf.value().virtual_start + PAGE_SIZE;
    }
    return was_mapped;
}

// Brings the pages of `region` in line with its (new) protection: parks them for
// PROT_NONE, maps parked ones again, changes the others. True when a mapped page changed.
bool UserMemory::reprotect_pages(const UserRegion& region)
{
    bool changed = false;
    for (auto leaf = m_table.next_leaf(region.start, region.end); leaf;
         leaf = m_table.next_leaf(leaf.value().virtual_start + PAGE_SIZE, region.end)) {
        VirtualAddress page = leaf.value().virtual_start;
        if (region.protection == Protection::None) {
            if (!leaf.value().parked) {
                VERIFY(!m_table.park(page).is_error());
                changed = true;
            }
            continue;
        }
        Protection wanted = entry_protection(region, leaf.value().physical_start);
        if (leaf.value().parked) {
            VERIFY(!m_table.unpark(page, wanted).is_error());
        } else if (leaf.value().protection != wanted) {
            VERIFY(!m_table.protect(page, wanted).is_error());
            changed = true;
        }
    }
    return changed;
}

FaultOutcome UserMemory::resolve_fault(VirtualAddress address, const hal::PageFaultAccess& access)
{
    if (address >= m_machine.address_end())
        return FaultOutcome::NoRegion;
    UserRegion* region = find_region(address);
    if (!region) {
        if (!try_grow_stack(address))
            return FaultOutcome::NoRegion;
        region = find_region(address);
    }
    if (region->protection == Protection::None || (access.write && !allows(region->protection, Protection::Write))
        || (access.execute && !allows(region->protection, Protection::Execute)))
        return FaultOutcome::ProtectionViolation;
    VirtualAddress page = align_down(address, PAGE_SIZE);
    auto before = m_table.translate(page);
    auto frame = populate(*region, page, access.write);
    if (frame.is_error())
        return frame.error().code() == kstd::Errno::OutOfMemory ? FaultOutcome::OutOfMemory : FaultOutcome::FileError;
    // Nothing to change (a stale translation on the machine's side): forget it anyway.
    if (before && (!access.write || allows(before.value().protection, Protection::Write)))
        tell_unmapped(page, page + PAGE_SIZE);
    return FaultOutcome::Resolved;
}

kstd::Result<void> UserMemory::make_present(VirtualAddress start, uint64_t length, bool write)
{
    if (length == 0)
        return {};
    uint64_t user_end = m_machine.address_end();
    if (start >= user_end || length > user_end - start)
        return kstd::Errno::BadAddress;
    for (VirtualAddress page = align_down(start, PAGE_SIZE); page < start + length; page += PAGE_SIZE) {
        auto translation = m_table.translate(page);
        if (translation && (!write || allows(translation.value().protection, Protection::Write)))
            continue;
        hal::PageFaultAccess access { write, false, false, translation.has_value() };
        switch (resolve_fault(page, access)) {
        case FaultOutcome::Resolved:
            break;
        case FaultOutcome::OutOfMemory:
            return kstd::Errno::OutOfMemory;
        default:
            return kstd::Errno::BadAddress;
        }
    }
    return {};
}

kstd::Result<void> UserMemory::write(VirtualAddress address, const void* bytes, uint64_t length)
{
    uint64_t user_end = m_machine.address_end();
    if (length > 0 && (address >= user_end || length > user_end - address))
        return kstd::Errno::BadAddress;
    const auto* source = static_cast<const uint8_t*>(bytes);
    while (length > 0) {
        UserRegion* region = find_region(address);
        if (!region)
            return kstd::Errno::BadAddress;
        VirtualAddress page = align_down(address, PAGE_SIZE);
        uint64_t offset = address - page;
        uint64_t chunk = PAGE_SIZE - offset < length ? PAGE_SIZE - offset : length;
        auto frame = populate(*region, page, true);
        if (frame.is_error())
            return frame.error().code() == kstd::Errno::OutOfMemory ? kstd::Errno::OutOfMemory : kstd::Errno::BadAddress;
        __builtin_memcpy(static_cast<uint8_t*>(frame_bytes(frame.value())) + offset, source, chunk);
        address += chunk;
        source += chunk;
        length -= chunk;
    }
    return {};
}

} // namespace mm
