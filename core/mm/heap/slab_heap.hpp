// SlabHeap: the kernel's default heap. Power-of-two size classes from 16 bytes to 2 KiB,
// each an ObjectCache ("size-16" ... "size-2048"); anything bigger goes straight to the
// page source as a large block.
//
// A request for `bytes` aligned to `alignment` takes the smallest class of at least
// max(bytes, alignment): a class's objects sit at multiples of its size from a
// page-aligned slab, so they are aligned to the class size. The caches record each
// object's requested size in its slab, for bytes_in_use. free() finds the slab or large
// block from the page tag, so it costs no header in front of the object. After everything
// is freed, each class may still hold one empty slab (see object_cache.hpp).
#pragma once
#include <mm/heap/heap.hpp>
#include <mm/heap/large_blocks.hpp>
#include <mm/heap/object_cache.hpp>

#include <utility>

namespace mm {

class SlabHeap final : public Heap {
public:
    static constexpr unsigned SMALLEST_CLASS_SHIFT = 4; // 16 bytes
    static constexpr size_t CLASS_COUNT = 8; // up to 2048 bytes
    static constexpr size_t LARGEST_CLASS = size_t(1) << (SMALLEST_CLASS_SHIFT + CLASS_COUNT - 1);

    SlabHeap(PageSource& pages, size_t limit_bytes);

    static constexpr kstd::StringView NAME = "slab";
    kstd::StringView name() const override { return NAME; }

protected:
    void* allocate_block(size_t bytes, size_t alignment) override;
    size_t free_block(void* pointer) override;
    void add_size_classes(HeapStatistics& statistics) const override;

private:
    template<size_t... Index>
    SlabHeap(PageSource& pages, size_t limit_bytes, std::index_sequence<Index...>);

    LargeBlocks m_large;
    ObjectCache m_classes[CLASS_COUNT];
};

} // namespace mm
