// mm::Heap: the one interface of Keel's kernel heaps, and the statistics they keep.
//
// Four heaps implement it: the slab heap (the kernel's default: power-of-two size classes
// on object caches, big requests straight to the page source), and the three tutorial
// allocators it is compared with: a first-fit free list, fixed-size block lists and a bump
// allocator. Each gets whole pages from a PageSource, up to a byte limit fixed at
// construction (the BoundedPageSource every heap holds), so running out of memory is an
// ordinary, testable event: allocate() returns nullptr and counts a failure, it never
// panics.
//
// The rules every heap follows:
//   - allocate(bytes, alignment): alignment must be a power of two no larger than
//     PAGE_SIZE and bytes at most MAX_ALLOCATION_BYTES, otherwise the answer is nullptr
//     (counted as a failure). allocate(0) returns a unique pointer, as malloc(0) does, that
//     must be freed like any other.
//   - free(nullptr) does nothing. Freeing a pointer twice, or one the heap did not hand
//     out, panics with a report naming the heap and the pointer.
//   - The heap never writes into a live allocation, and does not poison freed memory (a
//     heap may keep its bookkeeping in freed space).
//   - Not thread-safe: callers serialise (kmalloc does, with interrupts off).
//
// Heap keeps the counters common to all four (non-virtual allocate/free/statistics, the
// first two inline because they are on every allocation's path); the heaps supply the
// memory management through the protected virtual functions.
#pragma once
#include <kstd/align.hpp>
#include <kstd/span.hpp>
#include <kstd/string_view.hpp>
#include <mm/frames.hpp>
#include <mm/heap/bounded_page_source.hpp>
#include <stddef.h>

namespace mm {

inline constexpr size_t DEFAULT_ALIGNMENT = 16;
inline constexpr size_t MAX_ALLOCATION_BYTES = size_t(1) << 30;

// One size class of a slab or block heap.
struct SizeClassStatistics {
    size_t object_size = 0; // the class's object (slab) or block (block heap) size
    size_t objects_in_use = 0;
    size_t slabs = 0; // slabs, or the block heap's chunks
    size_t pages = 0;
};

struct HeapStatistics {
    static constexpr size_t MAX_SIZE_CLASSES = 16;

    size_t bytes_in_use = 0; // bytes callers asked for, of allocations not yet freed
    size_t peak_bytes_in_use = 0;
    size_t pages_held = 0; // pages the heap holds from its PageSource
    size_t allocations = 0; // successful allocate() calls
    size_t frees = 0;
    size_t failures = 0; // allocate() calls that returned nullptr
    SizeClassStatistics size_classes[MAX_SIZE_CLASSES];
    size_t size_class_count = 0; // filled by the slab and block heaps only

    kstd::Span<const SizeClassStatistics> classes() const { return { size_classes, size_class_count }; }
};

class Heap {
public:
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;

    virtual kstd::StringView name() const = 0;
    // nullptr when out of memory or for a bad request (see the top of this file).
    void* allocate(size_t bytes, size_t alignment = DEFAULT_ALIGNMENT)
    {
        void* pointer = is_valid_request(bytes, alignment) ? allocate_block(bytes, alignment) : nullptr;
        if (!pointer) [[unlikely]] {
            ++m_failures;
            return nullptr;
        }
        ++m_allocations;
        m_bytes_in_use += bytes;
        if (m_bytes_in_use > m_peak_bytes_in_use)
            m_peak_bytes_in_use = m_bytes_in_use;
        return pointer;
    }
    void free(void* pointer)
    {
        if (!pointer)
            return;
        m_bytes_in_use -= free_block(pointer);
        ++m_frees;
    }
    HeapStatistics statistics() const;

protected:
    Heap(PageSource& pages, size_t limit_bytes) : m_pages(pages, limit_bytes) {}
    ~Heap() = default;

    // Called with a valid request; nullptr when there is no memory for it.
    virtual void* allocate_block(size_t bytes, size_t alignment) = 0;
    // Called with a non-null pointer; panics unless it is a live allocation of this heap.
    // Returns the bytes that were asked for when it was allocated.
    virtual size_t free_block(void* pointer) = 0;
    // The slab and block heaps describe their size classes.
    virtual void add_size_classes(HeapStatistics&) const {}

    // Where every page of the heap comes from.
    BoundedPageSource m_pages;

private:
    static bool is_valid_request(size_t bytes, size_t alignment)
    {
        return kstd::is_power_of_two(alignment) && alignment <= PAGE_SIZE && bytes <= MAX_ALLOCATION_BYTES;
    }

    size_t m_bytes_in_use = 0;
    size_t m_peak_bytes_in_use = 0;
    size_t m_allocations = 0;
    size_t m_frees = 0;
    size_t m_failures = 0;
};

} // namespace mm
