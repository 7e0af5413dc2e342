// mm::init and the memory manager's global state (see mm.hpp for the boot sequence).
#include <cmdline/cmdline.hpp>
#include <hal/memory.hpp>
#include <kstd/panic.hpp>
#include <log/log.hpp>
#include <mm/address_space.hpp>
#include <mm/boot_frames.hpp>
#include <mm/heap/heap_holder.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/kernel_pages.hpp>
#include <mm/kernel_tables.hpp>
#include <mm/mm.hpp>
#include <sync/interrupt_guard.hpp>

namespace mm {

static_assert(FrameStatistics::ORDER_COUNT == BuddyAllocator::MAX_ORDER + 1);

namespace {

constexpr kstd::StringView DEFAULT_HEAP = "slab";

BuddyAllocator g_buddy;
KernelFrames g_frames(g_buddy);
KernelPages g_pages(g_buddy);
AddressSpace* g_kernel_space = nullptr;
uint64_t g_reserved_frames = 0;
kstd::StringView g_heap_name;

// The heap may hold up to three quarters of the RAM left after boot; the rest stays for
// page tables, stacks and whatever else needs whole frames.
uint64_t heap_limit_bytes()
{
    return g_buddy.free_frame_count() / 4 * 3 * PAGE_SIZE;
}

void start_kernel_heap()
{
    kstd::StringView name = cmdline::choice("heap", heap_kind_names(), DEFAULT_HEAP);
    if (set_kernel_heap(name, g_pages, heap_limit_bytes()).is_error())
        PANIC("mm: cannot start the {} heap", name);
    g_heap_name = name;
}

} // namespace

void init()
{
    VERIFY(g_kernel_space == nullptr);
    ksync::InterruptGuard guard;
    static BootFrames boot_frames;
    boot_frames.init();
    PhysicalAddress lowest = boot_frames.lowest_address();
    uint64_t frame_count = (boot_frames.end_address() - lowest) / PAGE_SIZE;
    auto metadata = boot_frames.allocate_bytes(BuddyAllocator::metadata_bytes(frame_count));
    if (metadata.is_error())
        PANIC("mm: no room for the frame allocator's metadata ({} frames)", frame_count);

    PageTable kernel_table = build_kernel_tables(boot_frames);
    hal::mmu_activate(kernel_table.root());

    g_buddy.init(lowest, frame_count, hal::phys_to_virt(metadata.value()));
    boot_frames.hand_over(g_buddy);
    kernel_table.set_frame_source(g_frames);
    g_reserved_frames = boot_frames.taken_frames();
    start_kernel_heap();

    auto kernel_space = AddressSpace::adopt_kernel_table(g_frames, kernel_table);
    if (kernel_space.is_error() || record_kernel_regions(*kernel_space.value()).is_error())
        PANIC("mm: cannot record the kernel's regions");
    g_kernel_space = kernel_space.value();
    klog::info("mm: {} KiB free, {} frames reserved at boot, heap={}",
               g_buddy.free_frame_count() * PAGE_SIZE / 1024, g_reserved_frames, g_heap_name);
}

bool is_initialized()
{
    return g_kernel_space != nullptr;
}

FrameSource& frames()
{
    return g_frames;
}

PageSource& kernel_pages()
{
    return g_pages;
}

AddressSpace& kernel_address_space()
{
    VERIFY(g_kernel_space != nullptr);
    return *g_kernel_space;
}

FrameStatistics frame_statistics()
{
    ksync::InterruptGuard guard;
    FrameStatistics statistics {};
    statistics.total_frames = g_buddy.managed_frame_count();
    statistics.free_frames = g_buddy.free_frame_count();
    statistics.reserved_frames = g_reserved_frames;
    for (unsigned order = 0; order < FrameStatistics::ORDER_COUNT; ++order)
        statistics.free_blocks[order] = g_buddy.free_block_count(order);
    return statistics;
}

void fail_frame_allocation_after(uint64_t successes)
{
    ksync::InterruptGuard guard;
    g_buddy.fail_after(successes);
}

void stop_failing_frame_allocations()
{
    ksync::InterruptGuard guard;
    g_buddy.stop_failing();
}

kstd::StringView kernel_heap_name()
{
    return g_heap_name;
}

} // namespace mm
