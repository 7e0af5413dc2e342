// AddressSpace: one set of page tables plus the list of regions that say what each mapped
// (or mappable) range of virtual addresses is for.
//
// A region has a start, a length, a protection and a kind:
//   DirectMap    all physical memory at hal::direct_map_base() (kernel only)
//   KernelImage  one section of the kernel image (text r-x, rodata r--, data rw-)
//   KernelStack  the pages of a kernel stack (mapped when the stack is made)
//   StackGuard   the unmapped page below a kernel stack: touching it is an overflow
//   DemandZero   mapped lazily: the first touch of a page maps a fresh zeroed frame
// The page-fault handler (page_fault.cpp) looks the faulting address up here to decide
// between mapping a demand-zero page and a report that names the region hit or missed.
//
// The kernel's own address space (mm::kernel_address_space()) owns the kernel half of the
// tables; every other address space shares that half (PageTable::create_sharing_kernel_half)
// and owns only its lower half. Destroying an address space frees its demand-zero frames
// and its page tables, and nothing else, so create + destroy leaks no frames.
//
// Regions are kept in an address-ordered intrusive list: lookups are linear, which is
// plenty for the handful of regions a kernel has today.
//
// Not yet: running an address space other than the kernel's. Nothing switches to one
// today (user processes come later), so only the kernel's space tells the MMU about its
// changes (hal::mmu_mapped/mmu_unmapped); switching and flushing for the others arrive
// with the processes that need them. In the sim the kernel window is a host reservation
// in the lower half, so there the window's pages are recorded in the lower half of the
// kernel's tables and not shared with other address spaces.
#pragma once
#include <kstd/fixed_string.hpp>
#include <kstd/intrusive_list.hpp>
#include <kstd/result.hpp>
#include <mm/frames.hpp>
#include <mm/page_table.hpp>

namespace mm {

class ObjectCache;

enum class RegionKind : uint8_t { DirectMap, KernelImage, KernelStack, StackGuard, DemandZero };
kstd::StringView region_kind_name(RegionKind kind);

struct Region {
    VirtualAddress start;
    uint64_t length;
    Protection protection;
    RegionKind kind;
    kstd::FixedString<23> name;
    kstd::IntrusiveListNode list_node;

    VirtualAddress end() const { return start + length; }
    bool contains(VirtualAddress address) const { return address >= start && address - start < length; }
};

class AddressSpace {
public:
    // An empty user address space sharing the kernel half of `kernel`.
    static kstd::Result<AddressSpace*> create(FrameSource& frames, const AddressSpace& kernel);
    // The kernel's own address space around an already built table (mm::init).
    static kstd::Result<AddressSpace*> adopt_kernel_table(FrameSource& frames, PageTable table);
    // Frees the demand-zero frames, the regions, the lower-half tables and the object.
    static void destroy(AddressSpace* space);

    PageTable& page_table() { return m_table; }
    const PageTable& page_table() const { return m_table; }

    // Records a region at a fixed place; EEXIST when it overlaps one.
    kstd::Result<Region*> add_region(VirtualAddress start, uint64_t length, Protection protection,
                                     RegionKind kind, kstd::StringView name);
    // Records a region at the lowest free place inside [window_start, window_end); ENOMEM
    // when there is no gap that large.
    kstd::Result<Region*> add_region_in(VirtualAddress window_start, VirtualAddress window_end,
                                        uint64_t length, Protection protection, RegionKind kind,
                                        kstd::StringView name);
    // Unmaps a region's pages, frees the frames of a DemandZero region and forgets it.
    void remove_region(Region& region);
    // The region containing `address`, or nullptr.
    Region* find_region(VirtualAddress address) const;
    size_t region_count() const { return m_regions.size(); }

    // Maps a fresh zeroed frame at the page containing `address` of a DemandZero region.
    kstd::Result<void> map_zeroed_page(Region& region, VirtualAddress address);

    template<typename Visit>
    void for_each_region(Visit&& visit) const
    {
        for (const Region& region : m_regions)
            visit(region);
    }

private:
    AddressSpace(FrameSource& frames, PageTable table, bool is_kernel)
        : m_frames(frames), m_table(table), m_is_kernel(is_kernel)
    {
    }
    // A new object from the address-space cache; nullptr when out of memory.
    static AddressSpace* make(FrameSource& frames, PageTable table, bool is_kernel);
    kstd::Result<Region*> insert_region(VirtualAddress start, uint64_t length, Protection protection,
                                        RegionKind kind, kstd::StringView name);
    void tell_machine_mapped(VirtualAddress start, PhysicalAddress physical, uint64_t length,
                             Protection protection) const;
    void tell_machine_unmapped(VirtualAddress start, uint64_t length) const;

    FrameSource& m_frames;
    PageTable m_table;
    bool m_is_kernel;
    kstd::IntrusiveList<Region, &Region::list_node> m_regions;


};

} // namespace mm
