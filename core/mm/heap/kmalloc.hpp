// The kernel heap: kmalloc/kfree, and make<T>/destroy<T> to create objects on it.
//
// One heap of the kinds in heap_holder.hpp serves the whole kernel, chosen once at boot
// (heap=slab|list|block|bump on the command line; slab by default) and built in static
// storage. Every call runs with interrupts off, so IRQ handlers may allocate too.
// Running out of memory is an answer, not a crash: kmalloc returns nullptr and make<T>
// returns nullptr without constructing anything. kfree panics on a double free or a
// pointer kmalloc did not return.
//
// On bare metal the global operator new/delete forward here; in the sim they must stay
// glibc's, so kernel code that should run on both targets creates objects with make<T>.
#pragma once
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <mm/heap/heap.hpp>
#include <mm/heap/page_source.hpp>

#include <new>
#include <utility>

namespace mm {

// Builds the kernel heap of kind `name` on `pages`, holding at most `limit_bytes`.
// EINVAL for an unknown kind; EBUSY while the current kernel heap has live allocations.
kstd::Result<void> set_kernel_heap(kstd::StringView name, PageSource& pages, size_t limit_bytes);
// The kernel heap; VERIFY-fails before set_kernel_heap().
Heap& kernel_heap();

// nullptr when out of memory, or before the kernel heap exists.
void* kmalloc(size_t bytes);
// As kmalloc, aligned to `alignment` (a power of two, at most PAGE_SIZE).
void* kmalloc_aligned(size_t bytes, size_t alignment);
// nullptr is ignored.
void kfree(void* pointer);

// A new T on the kernel heap, or nullptr when out of memory.
template<typename T, typename... Args>
T* make(Args&&... args)
{
    static_assert(alignof(T) <= PAGE_SIZE);
    void* memory = kmalloc_aligned(sizeof(T), alignof(T));
    return memory ? new (memory) T(std::forward<Args>(args)...) : nullptr;
}

// Destroys and frees an object from make<T>; nullptr is ignored.
template<typename T>
void destroy(T* object)
{
    if (!object)
        return;
    object->~T();
    kfree(object);
}

} // namespace mm
