// `mem`: the memory manager's figures. Physical frames (total, free, reserved at boot, free
// blocks per buddy order), then the kernel heap in effect (heap=...) with its counters and
// size classes, then every named object cache.
#include <mm/heap/kmalloc.hpp>
#include <mm/heap/object_cache.hpp>
#include <mm/mm.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell {
namespace {

constexpr size_t MAX_CACHES_LISTED = 32;

uint64_t kib(uint64_t frames)
{
    return frames * mm::PAGE_SIZE / 1024;
}

void print_frames(Shell& shell)
{
    mm::FrameStatistics frames = mm::frame_statistics();
    shell.println("frames: {} free of {} ({} of {} KiB), {} reserved at boot", frames.free_frames,
                  frames.total_frames, kib(frames.free_frames), kib(frames.total_frames),
                  frames.reserved_frames);
    shell.print("  free blocks by order:");
    for (unsigned order = 0; order < mm::FrameStatistics::ORDER_COUNT; ++order)
        shell.print(" {}:{}", order, frames.free_blocks[order]);
    shell.println("");
}

// A consistent snapshot: an interrupt handler may allocate while the figures are copied.
mm::HeapStatistics heap_statistics()
{
    ksync::InterruptGuard guard;
    return mm::kernel_heap().statistics();
}

void print_heap(Shell& shell)
{
    mm::HeapStatistics heap = heap_statistics();
    shell.println("heap: {}", mm::kernel_heap().name());
    shell.println("  {} bytes in use (peak {}), {} pages held", heap.bytes_in_use, heap.peak_bytes_in_use,
                  heap.pages_held);
    shell.println("  {} allocations, {} frees, {} failures", heap.allocations, heap.frees, heap.failures);
    if (heap.classes().empty())
        return;
    shell.println("  {:>6} {:>8} {:>6} {:>6}", "size", "in use", "slabs", "pages");
    for (const mm::SizeClassStatistics& size_class : heap.classes())
        shell.println("  {:>6} {:>8} {:>6} {:>6}", size_class.object_size, size_class.objects_in_use,
                      size_class.slabs, size_class.pages);
}

void print_object_caches(Shell& shell)
{
    mm::ObjectCacheStatistics caches[MAX_CACHES_LISTED];
    size_t count = mm::ObjectCache::all_statistics(caches);
    shell.println("object caches: {}", count);
    if (count > MAX_CACHES_LISTED)
        count = MAX_CACHES_LISTED;
    for (size_t index = 0; index < count; ++index) {
        const mm::ObjectCacheStatistics& cache = caches[index];
        shell.println("  {:<20} {:>5} bytes, {} in use (peak {}), {} slabs", cache.name, cache.object_size,
                      cache.objects_in_use, cache.peak_objects_in_use, cache.slabs);
    }
}

} // namespace

int command_mem(Shell& shell, const Arguments&)
{
    if (!mm::is_initialized()) {
        shell.error("mem: the memory manager is not running");
        return STATUS_FAILURE;
    }
    print_frames(shell);
    print_heap(shell);
    print_object_caches(shell);
    return STATUS_OK;
}

} // namespace shell
