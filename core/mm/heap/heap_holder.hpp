// HeapHolder: room for one heap of any of the four kinds, chosen by name at run time.
//
// The kernel picks its heap on the command line (heap=slab|list|block|bump), and tests and
// benchmarks loop over every kind; all of them build the heap here, in place, because there
// is no heap yet to put a heap in. heap_kind_names() lists the names, the default first.
#pragma once
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <mm/heap/block_heap.hpp>
#include <mm/heap/bump_heap.hpp>
#include <mm/heap/list_heap.hpp>
#include <mm/heap/slab_heap.hpp>

namespace mm {

// "slab", "list", "block", "bump".
kstd::Span<const kstd::StringView> heap_kind_names();
bool is_heap_kind(kstd::StringView name);

class HeapHolder {
public:
    constexpr HeapHolder() = default;
    ~HeapHolder() { reset(); }
    HeapHolder(const HeapHolder&) = delete;
    HeapHolder& operator=(const HeapHolder&) = delete;

    // Destroys the heap held so far, if any, and builds a heap of kind `name` taking pages
    // from `pages` up to `limit_bytes`. EINVAL for a name not in heap_kind_names(), in
    // which case the old heap stays.
    kstd::Result<Heap*> emplace(kstd::StringView name, PageSource& pages, size_t limit_bytes);
    void reset();
    // The heap held, or nullptr.
    Heap* heap() const { return m_heap; }

private:
    static constexpr size_t STORAGE_BYTES = [] {
        size_t sizes[] = { sizeof(SlabHeap), sizeof(ListHeap), sizeof(BlockHeap), sizeof(BumpHeap) };
        size_t largest = 0;
        for (size_t size : sizes)
            largest = size > largest ? size : largest;
        return largest;
    }();

    alignas(SlabHeap) alignas(ListHeap) alignas(BlockHeap) alignas(BumpHeap)
    unsigned char m_storage[STORAGE_BYTES] = {};
    Heap* m_heap = nullptr;
    void (*m_destroy)(Heap*) = nullptr;
};

} // namespace mm
