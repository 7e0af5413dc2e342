// SlabHeap: picking a class, and telling slab objects from large blocks on free().
#include <mm/heap/heap_fault.hpp>
#include <mm/heap/heap_sizes.hpp>
#include <mm/heap/page_tag.hpp>
#include <mm/heap/slab_heap.hpp>

namespace mm {

namespace {
constexpr kstd::StringView CLASS_NAMES[SlabHeap::CLASS_COUNT] = {
    "size-16", "size-32", "size-64", "size-128", "size-256", "size-512", "size-1024", "size-2048",
};

constexpr size_t class_size(size_t index)
{
    return size_t(1) << (SlabHeap::SMALLEST_CLASS_SHIFT + index);
}
} // namespace

SlabHeap::SlabHeap(PageSource& pages, size_t limit_bytes)
    : SlabHeap(pages, limit_bytes, std::make_index_sequence<CLASS_COUNT>())
{
}

template<size_t... Index>
SlabHeap::SlabHeap(PageSource& pages, size_t limit_bytes, std::index_sequence<Index...>)
    : Heap(pages, limit_bytes), m_large(m_pages),
      m_classes { ObjectCache(CLASS_NAMES[Index], class_size(Index), class_size(Index), m_pages,
                              ObjectCache::RequestSizes::Recorded)... }
{
}

void* SlabHeap::allocate_block(size_t bytes, size_t alignment)
{
    size_t needed = bytes > alignment ? bytes : alignment;
    if (needed > LARGEST_CLASS)
        return m_large.allocate(bytes);
    return m_classes[power_of_two_class(needed, SMALLEST_CLASS_SHIFT)].allocate_object(bytes);
}

size_t SlabHeap::free_block(void* pointer)
{
    uintptr_t tag = m_pages.page_tag(pointer);
    if (page_tag_kind(tag) == PageTagKind::Slab) {
        auto& slab = *static_cast<Slab*>(tagged_descriptor(tag));
        auto cache_offset = reinterpret_cast<uintptr_t>(slab.cache) - reinterpret_cast<uintptr_t>(m_classes);
        if (cache_offset >= sizeof(m_classes)) // a named cache's object, not a kmalloc one
            report_foreign_free(NAME, pointer);
        return slab.cache->free_object(slab, pointer, NAME);
    }
    if (!m_large.owns(tag))
        report_foreign_free(NAME, pointer);
    return m_large.free(pointer, tag, NAME);
}

void SlabHeap::add_size_classes(HeapStatistics& statistics) const
{
    for (const ObjectCache& cache : m_classes) {
        ObjectCacheStatistics cache_statistics = cache.statistics();
        statistics.size_classes[statistics.size_class_count++] = {
            .object_size = cache_statistics.object_size,
            .objects_in_use = cache_statistics.objects_in_use,
            .slabs = cache_statistics.slabs,
            .pages = cache_statistics.pages,
        };
    }
}

} // namespace mm
