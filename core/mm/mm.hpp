// The memory manager: physical frames, the kernel's page tables, address spaces, kernel
// stacks and the kernel heap. Start reading here.
//
// mm::init() runs once at boot (kernel_main), before anything allocates:
//   1. boot_frames.hpp takes the usable RAM the HAL reports and hands out the first frames
//      (the buddy allocator's metadata, the first page tables) from memory the boot
//      mapping already reaches;
//   2. the kernel's page tables are built (kernel_tables.cpp): the direct map of physical
//      memory, the kernel image with W^X, the kernel half populated so every address space
//      shares it; hal::mmu_activate switches to them;
//   3. the rest of RAM goes to the buddy allocator (buddy_allocator.hpp), the source of
//      every frame from then on;
//   4. the kernel heap named by `heap=` on the command line (heap/kmalloc.hpp) starts on
//      pages from the buddy allocator; the kernel address space object (address_space.hpp)
//      records its regions.
// Afterwards: kernel_stack.hpp makes stacks with guard pages in the kernel window, and
// page_fault.cpp resolves demand-zero faults and explains the others in panic reports.
//
// Locking is "interrupts off" (one CPU): frames(), the kernel heap, kernel stacks and
// demand-zero reservations take the interrupt guard themselves, so interrupt handlers may
// allocate too. AddressSpace and PageTable calls are the caller's to guard.
#pragma once
#include <kstd/result.hpp>
#include <kstd/string_view.hpp>
#include <mm/frames.hpp>

namespace mm {

class AddressSpace;
class BuddyAllocator;
class PageSource;

void init();
bool is_initialized();

// The kernel's source of physical frames (the buddy allocator behind an interrupt guard).
FrameSource& frames();
// The same frames as pages through the direct map, for heaps and object caches.
PageSource& kernel_pages();
AddressSpace& kernel_address_space();

// Reserves `length` bytes (rounded up to pages) of the kernel window as a DemandZero region:
// each page gets a fresh zeroed frame the first time it is touched. ENOMEM when the window
// or the region records run out.
kstd::Result<void*> reserve_demand_zero(kstd::StringView name, size_t length);
// Gives a reservation back: its pages are unmapped and their frames freed.
void release_demand_zero(void* start);

// Failure injection, for tests: the frame allocation that follows `successes` more
// successful ones fails with ENOMEM (once), whoever asks: page tables, stacks, the heap.
void fail_frame_allocation_after(uint64_t successes);
void stop_failing_frame_allocations();

struct FrameStatistics {
    static constexpr unsigned ORDER_COUNT = 11;
    uint64_t total_frames;     // managed by the buddy allocator
    uint64_t free_frames;
    uint64_t reserved_frames;  // taken at boot: allocator metadata, first page tables
    uint64_t free_blocks[ORDER_COUNT];
};
FrameStatistics frame_statistics();
// The `heap=` choice in effect ("slab", "list", "block" or "bump").
kstd::StringView kernel_heap_name();

} // namespace mm
