// The kernel heap: one HeapHolder in static storage, used with interrupts off.
#include <kstd/verify.hpp>
#include <mm/heap/heap_fault.hpp>
#include <mm/heap/heap_holder.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/heap/never_destroyed.hpp>
#include <sync/interrupt_guard.hpp>

namespace mm {

namespace {
constinit NeverDestroyed<HeapHolder> kernel_heap_holder;

Heap* current_heap()
{
    return kernel_heap_holder.get().heap();
}
} // namespace

kstd::Result<void> set_kernel_heap(kstd::StringView name, PageSource& pages, size_t limit_bytes)
{
    if (!is_heap_kind(name))
        return kstd::Error::with_detail(kstd::Errno::InvalidArgument, "no such heap kind");
    ksync::InterruptGuard guard;
    if (Heap* heap = current_heap()) {
        HeapStatistics statistics = heap->statistics();
        if (statistics.allocations != statistics.frees)
            return kstd::Error::with_detail(kstd::Errno::Busy, "the kernel heap has live allocations");
    }
    TRY(kernel_heap_holder.get().emplace(name, pages, limit_bytes));
    return {};
}

Heap& kernel_heap()
{
    Heap* heap = current_heap();
    VERIFY(heap);
    return *heap;
}

void* kmalloc(size_t bytes)
{
    return kmalloc_aligned(bytes, DEFAULT_ALIGNMENT);
}

void* kmalloc_aligned(size_t bytes, size_t alignment)
{
    ksync::InterruptGuard guard;
    Heap* heap = current_heap();
    return heap ? heap->allocate(bytes, alignment) : nullptr;
}

void kfree(void* pointer)
{
    if (!pointer)
        return;
    ksync::InterruptGuard guard;
    Heap* heap = current_heap();
    if (!heap)
        report_foreign_free("kmalloc", pointer);
    heap->free(pointer);
}

} // namespace mm
