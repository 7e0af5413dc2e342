// PageTable: walking, growing and pruning the four levels (see page_table.hpp).
//
// Every walk starts at the root (level 4) and takes the entry that the address's 9 bits
// for that level pick (paging:: in page_table_entry.hpp), until a leaf or an empty entry.
// map() adds the missing tables on its way down and gives them back if a later one
// cannot be had; unmap() frees the lower-half tables it leaves empty; for_each_mapping()
// and destroy() go over the whole tree.
#include <hal/memory.hpp>
#include <mm/page_table.hpp>

namespace mm {

using namespace paging;

namespace {

PageTableEntry* table_at(PhysicalAddress table)
{
    return static_cast<PageTableEntry*>(hal::phys_to_virt(table));
}

bool is_empty(const PageTableEntry* table)
{
    for (size_t index = 0; index < ENTRIES_PER_TABLE; ++index) {
        if (!table[index].is_empty())
            return false;
    }
    return true;
}

// The entries from the root down to `address`, stopping at the first leaf or empty one.
struct Walk {
    PageTableEntry* entries[ROOT_LEVEL + 1]; // entries[level], for level >= last_level
    unsigned last_level;

    PageTableEntry& last() const { return *entries[last_level]; }
};

Walk walk(PhysicalAddress root, VirtualAddress address)
{
    Walk result {};
    PageTableEntry* table = table_at(root);
    for (unsigned level = ROOT_LEVEL;; --level) {
        PageTableEntry& entry = table[index_at(address, level)];
        result.entries[level] = &entry;
        result.last_level = level;
        if (!entry.is_present() || is_leaf(entry, level))
            return result;
        table = table_at(entry.address());
    }
}

// The page size map_range uses at this point of a range.
PageSize range_page_size(VirtualAddress virtual_address, PhysicalAddress physical, uint64_t remaining)
{
    bool large = is_aligned(virtual_address, LARGE_PAGE_SIZE) && is_aligned(physical, LARGE_PAGE_SIZE)
        && remaining >= LARGE_PAGE_SIZE;
    return large ? PageSize::Large : PageSize::Small;
}

} // namespace

kstd::Result<PageTable> PageTable::create(FrameSource& frames)
{
    PageTable table(frames);
    table.m_root = TRY(table.allocate_table());
    return table;
}

kstd::Result<PageTable> PageTable::create_sharing_kernel_half(FrameSource& frames, const PageTable& kernel)
{
    PageTable table = TRY(create(frames));
    table.m_shares_kernel_half = true;
    const PageTableEntry* kernel_root = table_at(kernel.m_root);
    PageTableEntry* root = table_at(table.m_root);
    for (size_t index = FIRST_KERNEL_ENTRY; index < ENTRIES_PER_TABLE; ++index) {
        VERIFY(kernel_root[index].is_present());
        root[index] = kernel_root[index];
    }
    return table;
}

kstd::Result<void> PageTable::populate_kernel_half()
{
    VERIFY(!m_shares_kernel_half);
    PageTableEntry* root = table_at(m_root);
    for (size_t index = FIRST_KERNEL_ENTRY; index < ENTRIES_PER_TABLE; ++index) {
        if (!root[index].is_present())
            root[index] = PageTableEntry::link(TRY(allocate_table()), false);
    }
    return {};
}

kstd::Result<void> PageTable::map(VirtualAddress virtual_address, PhysicalAddress physical, PageSize size,
                                  Protection protection)
{
    uint64_t page_bytes = page_size_bytes(size);
    if (!is_aligned(virtual_address, page_bytes) || !is_aligned(physical, page_bytes)
        || (physical & ~PageTableEntry::ADDRESS_MASK) != 0 || !allows(protection, Protection::Read))
        return kstd::Errno::InvalidArgument;
    TRY(check_changeable(virtual_address));

    // The links this call adds, top first, so that a failure further down can undo them.
    PageTableEntry* added_links[ROOT_LEVEL] = {};
    size_t added_count = 0;
    unsigned target_level = leaf_level(size);
    PageTableEntry* table = table_at(m_root);
    for (unsigned level = ROOT_LEVEL; level > target_level; --level) {
        PageTableEntry& entry = table[index_at(virtual_address, level)];
        if (entry.is_present() && is_leaf(entry, level))
            return kstd::Errno::AlreadyExists; // a large page covers the small one
        if (!entry.is_present()) {
            auto new_table = allocate_table();
            if (new_table.is_error()) {
                while (added_count > 0) {
                    PageTableEntry& link = *added_links[--added_count];
                    free_table(link.address());
                    link = {};
                }
                return new_table.release_error();
            }
            entry = PageTableEntry::link(new_table.value(), !is_kernel_half(virtual_address));
            added_links[added_count++] = &entry;
        }
        table = table_at(entry.address());
    }
    PageTableEntry& leaf = table[index_at(virtual_address, target_level)];
    if (!leaf.is_empty())
        return kstd::Errno::AlreadyExists; // a page, or a table of small pages under a large one
    leaf = PageTableEntry::leaf(physical, size, protection);
    return {};
}

kstd::Result<void> PageTable::map_range(VirtualAddress virtual_start, PhysicalAddress physical_start,
                                        uint64_t length, Protection protection)
{
    if (!is_aligned(length, PAGE_SIZE) || (length > 0 && virtual_start + (length - 1) < virtual_start)
        || (length > 0 && physical_start + (length - 1) < physical_start))
        return kstd::Errno::InvalidArgument;
    auto size_at = [&](uint64_t offset) {
        return range_page_size(virtual_start + offset, physical_start + offset, length - offset);
    };
    for (uint64_t offset = 0; offset < length; offset += page_size_bytes(size_at(offset))) {
        auto mapped = map(virtual_start + offset, physical_start + offset, size_at(offset), protection);
        if (mapped.is_error()) {
            for (uint64_t done = 0; done < offset; done += page_size_bytes(size_at(done))) {
                auto unmapped = unmap(virtual_start + done, size_at(done));
                VERIFY(!unmapped.is_error());
            }
            return mapped.release_error();
        }
    }
    return {};
}

kstd::Result<PhysicalAddress> PageTable::unmap(VirtualAddress virtual_address, PageSize size)
{
    if (!is_aligned(virtual_address, page_size_bytes(size)))
        return kstd::Errno::InvalidArgument;
    TRY(check_changeable(virtual_address));
    Walk path = walk(m_root, virtual_address);
    bool parked_here = path.last().is_parked() && size == PageSize::Small;
    if ((!path.last().is_present() && !parked_here) || path.last_level != leaf_level(size))
        return kstd::Errno::NoSuchEntry;
    PhysicalAddress physical = path.last().address();
    path.last() = {};
    if (is_kernel_half(virtual_address))
        return physical;
    // Prune: a lower-half table left empty goes, and then perhaps its parent (never the root).
    for (unsigned level = path.last_level; level < ROOT_LEVEL; ++level) {
        PageTableEntry& link = *path.entries[level + 1];
        if (!is_empty(table_at(link.address())))
            break;
        free_table(link.address());
        link = {};
    }
    return physical;
}

kstd::Result<void> PageTable::protect(VirtualAddress virtual_address, Protection protection)
{
    if (!allows(protection, Protection::Read))
        return kstd::Errno::InvalidArgument;
    TRY(check_changeable(virtual_address));
    Walk path = walk(m_root, virtual_address);
    if (!path.last().is_present())
        return kstd::Errno::NoSuchEntry;
    path.last() = path.last().with_protection(protection);
    return {};
}

kstd::Optional<Translation> PageTable::translate(VirtualAddress virtual_address) const
{
    if (!is_canonical(virtual_address))
        return {};
    Walk path = walk(m_root, virtual_address);
    PageTableEntry leaf = path.last();
    if (!leaf.is_present())
        return {};
    PageSize size = page_size_at(path.last_level);
    uint64_t offset = virtual_address & (page_size_bytes(size) - 1);
    return Translation { leaf.address() + offset, size, leaf.protection() };
}

kstd::Result<PhysicalAddress> PageTable::park(VirtualAddress virtual_address)
{
    TRY(check_changeable(virtual_address));
    Walk path = walk(m_root, virtual_address);
    if (!path.last().is_present() || path.last_level != 1)
        return kstd::Errno::NoSuchEntry;
    PhysicalAddress physical = path.last().address();
    path.last() = PageTableEntry::parked(physical);
    return physical;
}

kstd::Result<void> PageTable::unpark(VirtualAddress virtual_address, Protection protection)
{
    if (!allows(protection, Protection::Read))
        return kstd::Errno::InvalidArgument;
    TRY(check_changeable(virtual_address));
    Walk path = walk(m_root, virtual_address);
    if (!path.last().is_parked())
        return kstd::Errno::NoSuchEntry;
    path.last() = PageTableEntry::leaf(path.last().address(), PageSize::Small, protection);
    return {};
}

kstd::Result<PhysicalAddress> PageTable::replace_frame(VirtualAddress virtual_address, PhysicalAddress physical,
                                                       Protection protection)
{
    if (!is_aligned(physical, PAGE_SIZE) || (physical & ~PageTableEntry::ADDRESS_MASK) != 0
        || !allows(protection, Protection::Read))
        return kstd::Errno::InvalidArgument;
    TRY(check_changeable(virtual_address));
    Walk path = walk(m_root, virtual_address);
    PageTableEntry& entry = path.last();
    if (path.last_level != 1 || (!entry.is_present() && !entry.is_parked()))
        return kstd::Errno::NoSuchEntry;
    PhysicalAddress old = entry.address();
    entry = entry.is_parked() ? PageTableEntry::parked(physical)
                              : PageTableEntry::leaf(physical, PageSize::Small, protection);
    return old;
}

kstd::Optional<PhysicalAddress> PageTable::parked(VirtualAddress virtual_address) const
{
    if (!is_canonical(virtual_address))
        return {};
    Walk path = walk(m_root, virtual_address);
    if (!path.last().is_parked())
        return {};
    return path.last().address();
}

namespace {

kstd::Optional<Leaf> find_leaf(PhysicalAddress table, unsigned level, VirtualAddress table_start,
                               VirtualAddress from, VirtualAddress end)
{
    const PageTableEntry* entries = table_at(table);
    uint64_t span = uint64_t { 1 } << shift_of(level);
    size_t index = from > table_start ? (from - table_start) >> shift_of(level) : 0;
    for (; index < ENTRIES_PER_TABLE; ++index) {
        VirtualAddress start = table_start + index * span;
        if (start >= end)
            return {};
        PageTableEntry entry = entries[index];
        if (entry.is_empty())
            continue;
        if (entry.is_parked())
            return Leaf { start, entry.address(), PageSize::Small, true, Protection::None };
        if (is_leaf(entry, level))
            return Leaf { start, entry.address(), page_size_at(level), false, entry.protection() };
        if (auto found = find_leaf(entry.address(), level - 1, start, from, end))
            return found;
    }
    return {};
}

} // namespace

kstd::Optional<Leaf> PageTable::next_leaf(VirtualAddress from, VirtualAddress end) const
{
    VERIFY(end <= (VirtualAddress { 1 } << 47));
    if (from >= end)
        return {};
    return find_leaf(m_root, ROOT_LEVEL, 0, from, end);
}

namespace {

void visit_table(PhysicalAddress table, unsigned level, VirtualAddress table_start,
                 void (*visit)(const Mapping&, void*), void* context)
{
    const PageTableEntry* entries = table_at(table);
    for (size_t index = 0; index < ENTRIES_PER_TABLE; ++index) {
        PageTableEntry entry = entries[index];
        if (!entry.is_present())
            continue;
        VirtualAddress start = sign_extended(table_start + (VirtualAddress { index } << shift_of(level)));
        if (is_leaf(entry, level))
            visit({ start, entry.address(), page_size_at(level), entry.protection() }, context);
        else
            visit_table(entry.address(), level - 1, start, visit, context);
    }
}

} // namespace

void PageTable::walk_mappings(MappingVisitor visit, void* context) const
{
    visit_table(m_root, ROOT_LEVEL, 0, visit, context);
}

void PageTable::destroy(FrameSource& frames)
{
    VERIFY(&frames == m_frames);
    PageTableEntry* root = table_at(m_root);
    size_t owned_entries = m_shares_kernel_half ? FIRST_KERNEL_ENTRY : ENTRIES_PER_TABLE;
    for (size_t index = 0; index < owned_entries; ++index) {
        if (root[index].is_present())
            free_subtree(root[index].address(), ROOT_LEVEL - 1);
    }
    free_table(m_root);
    VERIFY(m_table_frames == 0);
    m_root = 0;
}

void PageTable::free_subtree(PhysicalAddress table, unsigned level)
{
    const PageTableEntry* entries = table_at(table);
    for (size_t index = 0; index < ENTRIES_PER_TABLE; ++index) {
        if (entries[index].is_present() && !is_leaf(entries[index], level))
            free_subtree(entries[index].address(), level - 1);
    }
    free_table(table);
}

kstd::Result<void> PageTable::check_changeable(VirtualAddress virtual_address) const
{
    if (!is_canonical(virtual_address))
        return kstd::Errno::InvalidArgument;
    if (m_shares_kernel_half && is_kernel_half(virtual_address))
        return kstd::Error::with_detail(kstd::Errno::InvalidArgument,
                                        "the kernel half belongs to the kernel table");
    return {};
}

kstd::Result<PhysicalAddress> PageTable::allocate_table()
{
    PhysicalAddress table = TRY(m_frames->allocate_frames(0));
    __builtin_memset(hal::phys_to_virt(table), 0, PAGE_SIZE);
    ++m_table_frames;
    return table;
}

void PageTable::free_table(PhysicalAddress table)
{
    VERIFY(m_table_frames > 0);
    --m_table_frames;
    m_frames->free_frames(table, 0);
}

} // namespace mm
