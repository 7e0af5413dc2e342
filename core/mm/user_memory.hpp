// UserMemory: the user half of a process's address space, with Linux's mmap semantics.
//
// A UserMemory owns page tables that share the kernel half (PageTable::
// create_sharing_kernel_half), the machine's side of them (hal::UserSpace: the TLB on
// x86_64, the traced stub in the sim) and an address-ordered list of user regions. Each
// region is a page-aligned range with a protection, and is either
//   - anonymous private: demand-zero pages, copied on write after fork;
//   - anonymous shared (MAP_SHARED|MAP_ANONYMOUS): the same frames in parent and child;
//   - file private: pages read through a FileBacking on first touch, copied on write;
//   - the heap (brk) and the stack, anonymous private regions with rules of their own
//     (the stack grows down on a fault below it, to its limit, keeping a guard gap).
// Frames are reference counted (one count per mapping), so fork shares every private
// page read-only and the first write copies it (copy on write), and a frame goes back to
// the buddy allocator when its last mapping goes.
//
// PROT_NONE: x86_64 has no present page that cannot be read, so the pages of a PROT_NONE
// region are not mapped; those that had contents keep their frame in a parked entry
// (PageTable::park) until mprotect maps them again. A shared anonymous region is
// populated in full by the first fork (a page first touched afterwards must be the same
// frame in both). Compatible neighbours merge after mmap and mprotect.
//
// Every call that removes or reduces a mapping tells the machine
// (hal::user_space_unmapped). Nothing here trusts its arguments: they come from system
// calls. Out of memory is ENOMEM with nothing changed, never a panic.
//
// Not thread-safe: the process serializes calls (one CPU; callers hold the process's
// memory lock).
#pragma once
#include <hal/debug.hpp>
#include <hal/user.hpp>
#include <kstd/intrusive_list.hpp>
#include <kstd/result.hpp>
#include <kstd/string_view.hpp>
#include <mm/frames.hpp>
#include <mm/page_table.hpp>
#include <mm/user_machine.hpp>

namespace mm {

// Where the pages of a file mapping come from (fs implements it; mm sits below fs).
// Regions hold a reference each: retain() when a region starts using it, release() when
// one stops.
class FileBacking {
public:
    // Fills `page` (PAGE_SIZE bytes) with the file's bytes from `offset` (page aligned),
    // zero past its end. An error is the fault's (the program gets SIGBUS/EFAULT).
    virtual kstd::Result<void> read_page(uint64_t offset, void* page) = 0;
    virtual void retain() = 0;
    virtual void release() = 0;
    // For /proc/<pid>/maps: device, inode and path of the file.
    virtual void describe(uint64_t& device, uint64_t& inode, kstd::StringView& path) const = 0;

protected:
    ~FileBacking() = default;
};

// mmap's flags that matter to the memory manager (the syscall layer translates Linux's
// MAP_* and checks the rest).
struct MapRequest {
    VirtualAddress hint = 0;     // address wanted; 0 = anywhere
    uint64_t length = 0;         // bytes, rounded up to pages; 0 is EINVAL
    Protection protection = Protection::None; // Read/Write/Execute; None is PROT_NONE
    bool shared = false;         // MAP_SHARED (anonymous only for now)
    bool fixed = false;          // MAP_FIXED: exactly at hint, replacing what is there
    bool fixed_noreplace = false; // MAP_FIXED_NOREPLACE: exactly at hint, EEXIST if taken
    FileBacking* file = nullptr; // a file mapping, else anonymous
    uint64_t file_offset = 0;    // page aligned
};

enum class UserRegionKind : uint8_t { Anonymous, Shared, File, Heap, Stack };

// What /proc/<pid>/maps and tests see of a region.
struct UserRegionInfo {
    VirtualAddress start;
    VirtualAddress end;
    Protection protection;
    UserRegionKind kind;
    bool shared;
    uint64_t file_offset;
    FileBacking* file;
};

// One region as UserMemory keeps it (pages of it are mapped or not in the tables; a
// PROT_NONE region's populated pages are parked there). Regions are kept in an
// address-ordered intrusive list, searched linearly; Linux keeps its VMAs in a maple tree
// (a B-tree of ranges), which makes lookups logarithmic for processes with thousands.
struct UserRegion {
    VirtualAddress start;
    VirtualAddress end;
    Protection protection; // Read/Write/Execute bits only; None is PROT_NONE
    UserRegionKind kind;
    FileBacking* file = nullptr; // File regions: one reference, released with the region
    uint64_t file_offset = 0;    // of `start`
    kstd::IntrusiveListNode list_node;

    uint64_t length() const { return end - start; }
    bool contains(VirtualAddress address) const { return address >= start && address < end; }
    UserRegionInfo info() const
    {
        return { start, end, protection, kind, kind == UserRegionKind::Shared, file_offset, file };
    }
};

enum class FaultOutcome : uint8_t {
    Resolved,           // retry the access
    NoRegion,           // SIGSEGV, SEGV_MAPERR
    ProtectionViolation, // SIGSEGV, SEGV_ACCERR
    FileError,          // SIGBUS: the backing could not be read
    OutOfMemory,        // the process must die (Linux's OOM kill of the faulting task)
};

class UserMemory {
public:
    // An empty user half: tables sharing the kernel half of `kernel`, and the machine's
    // side (hal::user_space_create). ENOMEM, or EAGAIN when the machine cannot make one.
    static kstd::Result<UserMemory*> create(FrameSource& frames, const PageTable& kernel);
    // The same with the machine calls made through `machine` (host tests pass a fake;
    // the one above passes hal_user_machine()). `kernel` must outlive the UserMemory
    // (fork makes the child's tables from it).
    static kstd::Result<UserMemory*> create(FrameSource& frames, const PageTable& kernel, UserMachine& machine);
    // Unmaps everything, drops every frame reference, frees the tables and the object.
    static void destroy(UserMemory* memory);

    PhysicalAddress root() const { return m_table.root(); }
    hal::UserSpace& machine() { return m_space; }
    // The tables themselves, read-only (tests, /proc).
    const PageTable& page_table() const { return m_table; }
    // Where map() without a usable hint looks for room (below it, top down), and the
    // break (brk's current value; 0 before set_initial_break).
    VirtualAddress mmap_base() const { return m_mmap_base; }
    VirtualAddress current_break() const { return m_break; }
    // The most the regions may add up to (mapped_bytes()), as Linux's RLIMIT_AS: map()
    // beyond it is ENOMEM and brk refuses to grow past it. Unlimited unless set; the
    // process layer sets the RAM's size, so that growing the heap or mapping memory ends in
    // ENOMEM rather than in faults the machine cannot serve. fork() copies it.
    void set_size_limit(uint64_t bytes) { m_size_limit = bytes; }

    // mmap: returns where the mapping went. As Linux: EINVAL (zero length, misaligned
    // fixed address or file offset, protection bits beyond Read/Write/Execute), ENOMEM (a
    // length, or a fixed range, beyond hal::user_address_end(); no gap; no memory; more
    // than MAX_REGIONS), EPERM (fixed below MINIMUM_ADDRESS), EEXIST (fixed_noreplace over
    // a mapping), ENODEV (shared file mappings: not yet). A hint that is free (keeping a
    // stack's guard gap) is used, rounded up to a page; otherwise the highest gap below
    // the mmap base is taken, as Linux does. Fixed replaces what was there.
    kstd::Result<VirtualAddress> map(const MapRequest& request);
    // munmap / mprotect on any page range, splitting regions; unmapping a hole is fine.
    // munmap: EINVAL for a misaligned start, zero length, or a range beyond user space.
    // mprotect: EINVAL for a misaligned start or bad bits; ENOMEM for a range with a hole
    // or beyond user space, with nothing changed (Linux changes the part before the hole).
    kstd::Result<void> unmap(VirtualAddress start, uint64_t length);
    kstd::Result<void> protect(VirtualAddress start, uint64_t length, Protection protection);

    // exec: the heap starts at `start` (page aligned, just above the last segment). An
    // unusable start (misaligned, below MINIMUM_ADDRESS, beyond user space) leaves the
    // heap off: set_break then always returns 0.
    void set_initial_break(VirtualAddress start);
    // brk(2): moves the break; returns the break in effect afterwards (the old one when
    // the request is refused: below the start, over a mapping, out of memory).
    VirtualAddress set_break(VirtualAddress requested);
    // exec: a stack region of `initial_size` bytes ending at `top`, allowed to grow down
    // to `limit` bytes (RLIMIT_STACK), never closer than a guard gap to the next region.
    // Also moves the mmap base to top - clamp(limit + gap, 128 MiB, 5/6 of top). One
    // stack per UserMemory: EEXIST for a second, or over a mapping; EINVAL for a bad top
    // or size; ENOMEM.
    kstd::Result<void> create_stack(VirtualAddress top, uint64_t initial_size, uint64_t limit);

    // A user page fault at `address` (from the program, or before a kernel copy).
    FaultOutcome resolve_fault(VirtualAddress address, const hal::PageFaultAccess& access);
    // Makes every page of [start, start + length) present with at least Read (and Write
    // if `write`), resolving faults, so the HAL's copy routines find them: EFAULT when
    // some page cannot be (no region, protection, beyond user space), ENOMEM.
    kstd::Result<void> make_present(VirtualAddress start, uint64_t length, bool write);
    // Writes into this (possibly inactive) address space through the direct map, making
    // pages present as needed whatever their protection (exec fills read-only segments
    // this way). EFAULT where there is no region (or a file page cannot be read), ENOMEM;
    // a prefix may have been written.
    kstd::Result<void> write(VirtualAddress address, const void* bytes, uint64_t length);

    // fork(): a copy-on-write duplicate (shared regions stay shared). ENOMEM with nothing
    // leaked.
    kstd::Result<UserMemory*> fork();

    template<typename Visit>
    void for_each_region(Visit&& visit) const // visit(const UserRegionInfo&), in address order
    {
        for (const UserRegion& region : m_regions)
            visit(region.info());
    }
    // Pages mapped right now (VmRSS), and the total of the regions (VmSize), in bytes.
    uint64_t resident_bytes() const;
    uint64_t mapped_bytes() const;

    // Linux's stack_guard_gap: what the stack keeps free below it (256 pages), and
    // vm.mmap_min_addr, the lowest address map() hands out or accepts.
    static constexpr uint64_t STACK_GUARD_GAP = 256 * PAGE_SIZE;
    static constexpr VirtualAddress MINIMUM_ADDRESS = 0x10000;
    // Linux's vm.max_map_count: more regions than this is ENOMEM.
    static constexpr size_t MAX_REGIONS = 65530;

private:
    UserMemory(FrameSource& frames, const PageTable& kernel, PageTable table, UserMachine& machine);
    ~UserMemory() = default;

    // Regions (user_memory_regions.cpp).
    UserRegion* find_region(VirtualAddress address) const;
    UserRegion* first_region_ending_above(VirtualAddress address) const;
    bool range_is_free(VirtualAddress start, VirtualAddress end) const;
    bool range_is_free_with_gap(VirtualAddress start, VirtualAddress end) const;
    kstd::Optional<VirtualAddress> highest_gap(VirtualAddress low, VirtualAddress high, uint64_t length) const;
    kstd::Optional<VirtualAddress> find_gap(uint64_t length) const;
    void update_mmap_base();
    UserRegion* allocate_region();
    void free_region(UserRegion& region);
    void insert_region(UserRegion& region);
    void split(UserRegion& region, VirtualAddress at, UserRegion& upper);
    size_t regions_to_split(VirtualAddress start, VirtualAddress end) const;
    void remove_range(VirtualAddress start, VirtualAddress end, UserRegion*& spare);
    void merge_in(VirtualAddress start, VirtualAddress end);
    bool try_grow_stack(VirtualAddress address);

    // Pages (user_memory_pages.cpp, user_memory.cpp).
    Protection entry_protection(const UserRegion& region, PhysicalAddress frame) const;
    void tell_unmapped(VirtualAddress start, VirtualAddress end);
    kstd::Result<PhysicalAddress> fill_new_frame(const UserRegion& region, VirtualAddress page);
    kstd::Result<PhysicalAddress> populate(UserRegion& region, VirtualAddress page, bool exclusive);
    kstd::Result<void> populate_all(UserRegion& region);
    bool drop_pages(VirtualAddress start, VirtualAddress end);
    bool reprotect_pages(const UserRegion& region);
    kstd::Result<void> copy_pages_into(UserMemory& child, const UserRegion& region);

    FrameSource& m_frames;
    const PageTable& m_kernel_table;
    PageTable m_table;
    UserMachine& m_machine;
    hal::UserSpace m_space;
    kstd::IntrusiveList<UserRegion, &UserRegion::list_node> m_regions;
    VirtualAddress m_break_start = 0;
    VirtualAddress m_break = 0;
    uint64_t m_size_limit = UINT64_MAX;
    VirtualAddress m_stack_top = 0; // 0: no stack yet
    uint64_t m_stack_limit = 0;
    VirtualAddress m_mmap_base = 0;
};

} // namespace mm
