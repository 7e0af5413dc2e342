// PageTable: one x86_64 4-level page-table hierarchy, built and edited by core code.
//
// Both targets run this code: on x86_64 the CPU walks the result once the HAL loads it
// (hal::mmu_activate); the sim cannot make the host CPU walk it, so there the tables are
// the kernel's own record (and tests walk them). Table frames come from the FrameSource
// given to create() and are reached through hal::phys_to_virt(). A PageTable only edits
// the tables: telling the MMU about a change (TLB flush, hal::mmu_mapped/mmu_unmapped) is
// the caller's job.
//
// The kernel half (PML4 entries 256..511, addresses from 0xffff'8000'0000'0000) is shared:
// the kernel's table creates all 256 of its PDPTs up front (populate_kernel_half), and
// every other address space copies those 256 links (create_sharing_kernel_half), so a
// kernel mapping made later through the kernel's table shows up everywhere. A sharing
// table only changes its lower half; tables in the kernel half are never freed before
// destroy(). Lower-half tables are freed as soon as unmap() empties them.
//
// Not thread-safe: the owner of the address space serializes the calls.
#pragma once
#include <kstd/optional.hpp>
#include <mm/page_table_entry.hpp>
#include <type_traits>

namespace mm {

struct Translation {
    PhysicalAddress physical; // of the translated address itself, offset included
    PageSize size;
    Protection protection;
};

// A page found by PageTable::next_leaf: mapped, or parked (then protection is None).
struct Leaf {
    VirtualAddress virtual_start;
    PhysicalAddress physical_start;
    PageSize size;
    bool parked;
    Protection protection;
};

struct Mapping {
    VirtualAddress virtual_start;
    PhysicalAddress physical_start;
    PageSize size;
    Protection protection;
};

// A small handle (root, frame source, count): copies name the same tables, so keep using
// one copy once another has changed them.
class PageTable {
public:
    // An empty hierarchy: a zeroed PML4.
    static kstd::Result<PageTable> create(FrameSource& frames);
    // An empty lower half plus the kernel half of `kernel`, which must be populated.
    static kstd::Result<PageTable> create_sharing_kernel_half(FrameSource& frames, const PageTable& kernel);

    // The physical address of the PML4 (what CR3 holds).
    PhysicalAddress root() const { return m_root; }
    // Table frames this table allocated and still holds, the root included.
    size_t table_frame_count() const { return m_table_frames; }
    // Where table frames come from from now on (the kernel's table, built from the boot
    // allocator, moves on to the buddy allocator).
    void set_frame_source(FrameSource& frames) { m_frames = &frames; }

    // Maps one page. EINVAL: a misaligned or non-canonical address, a protection without
    // Read, or a kernel-half address in a table that shares the kernel half. EEXIST:
    // anything already mapped there, including a large page around a small one or a table
    // of small pages under a large one. ENOMEM: no frame for a table (nothing is changed).
    kstd::Result<void> map(VirtualAddress virtual_address, PhysicalAddress physical, PageSize size,
                           Protection protection);
    // Maps [virtual_start, +length) onto [physical_start, +length) with 2 MiB pages
    // wherever both sides are 2 MiB aligned and enough length remains, 4 KiB pages
    // elsewhere. On failure nothing it mapped stays mapped (empty tables it added in the
    // kernel half stay, as tables there always do); errors as for map().
    kstd::Result<void> map_range(VirtualAddress virtual_start, PhysicalAddress physical_start,
                                 uint64_t length, Protection protection);
    // Unmaps the page of this size at `virtual_address` (mapped or parked) and returns
    // where it pointed. ENOENT when no page of exactly this size starts there; EINVAL as
    // for map().
    kstd::Result<PhysicalAddress> unmap(VirtualAddress virtual_address, PageSize size);
    // Gives the page (of either size) containing `virtual_address` a new protection.
    // ENOENT when it is not mapped; EINVAL as for map().
    kstd::Result<void> protect(VirtualAddress virtual_address, Protection protection);

    kstd::Optional<Translation> translate(VirtualAddress virtual_address) const;

    // Parking (user memory's PROT_NONE): the small page at `virtual_address` stops being
    // mapped, but its entry keeps the frame (returned). ENOENT unless a small page is
    // mapped there. unpark() maps a parked page again with `protection` (ENOENT unless one
    // is parked there); parked() says which frame is parked at an address. A parked page
    // is no mapping (translate, for_each_mapping), but map() there is EEXIST and unmap()
    // removes it. The caller tells the MMU, as for unmap().
    kstd::Result<PhysicalAddress> park(VirtualAddress virtual_address);
    kstd::Result<void> unpark(VirtualAddress virtual_address, Protection protection);
    kstd::Optional<PhysicalAddress> parked(VirtualAddress virtual_address) const;
    // Points the small page at `virtual_address` (mapped, or parked) at `physical`
    // instead, with `protection` if mapped, without unmapping it (so no table is freed or
    // needed: copy on write cannot fail half way). Returns the frame it pointed at; ENOENT
    // when there is no such page.
    kstd::Result<PhysicalAddress> replace_frame(VirtualAddress virtual_address, PhysicalAddress physical,
                                                Protection protection);

    // The first page (mapped or parked) that ends above `from` and starts below `end`,
    // skipping empty tables: a quick walk over a sparse range. Lower half only.
    kstd::Optional<Leaf> next_leaf(VirtualAddress from, VirtualAddress end) const;

    // Calls visit(const Mapping&) for every page reachable from the root, the shared
    // kernel half included, in address order.
    template<typename Visitor>
    void for_each_mapping(Visitor&& visit) const
    {
        using VisitorType = std::remove_reference_t<Visitor>;
        walk_mappings(
            [](const Mapping& mapping, void* context) { (*static_cast<VisitorType*>(context))(mapping); },
            &visit);
    }

    // Kernel table only: creates the 256 PDPTs of the kernel half that are not there yet.
    // On ENOMEM the ones already created stay (and are freed by destroy()).
    kstd::Result<void> populate_kernel_half();

    // Frees every table frame this table holds (the root, the lower half, and the kernel
    // half unless it is shared) to `frames`, which must be its frame source; the mapped
    // pages are the caller's. The handle is empty afterwards.
    void destroy(FrameSource& frames);

private:
    explicit PageTable(FrameSource& frames) : m_frames(&frames) {}

    using MappingVisitor = void (*)(const Mapping&, void* context);
    void walk_mappings(MappingVisitor visit, void* context) const;

    kstd::Result<void> check_changeable(VirtualAddress virtual_address) const;
    kstd::Result<PhysicalAddress> allocate_table();
    void free_table(PhysicalAddress table);
    void free_subtree(PhysicalAddress table, unsigned level);

    FrameSource* m_frames;
    PhysicalAddress m_root = 0;
    size_t m_table_frames = 0;
    bool m_shares_kernel_half = false;
};

} // namespace mm
