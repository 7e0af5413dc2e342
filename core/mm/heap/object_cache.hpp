// ObjectCache: a named cache of equal-sized objects on slabs (after Bonwick's slab
// allocator), for kernel objects made often, and the engine under the slab heap.
//
//     ObjectCache address_spaces { "address_space", sizeof(AddressSpace),
//                                  alignof(AddressSpace), kernel_pages() };
//     void* memory = address_spaces.allocate();   // nullptr when out of memory
//     ...
//     address_spaces.free(memory);
//
// A cache takes slabs (buddy blocks of 1-8 pages, the order picked so little is wasted)
// from its PageSource and hands out their objects, lowest free slot first from the first
// slab on its partial list (slabs that fill up leave it; slabs that get a free object back
// join it at the front). A slab that empties goes back to the source, except that the
// cache keeps one empty slab, on the partial list, so that a burst of allocate/free does
// not hit the source every time. Bookkeeping lives in the slab, never in the objects
// (slab.hpp); freeing an object twice or a pointer from elsewhere panics naming the cache.
//
// allocate() and free() run with interrupts off, so an IRQ handler may use a cache. Every
// cache is listed in a registry while it exists, for the `mem` command. The paths the slab
// heap takes on every kmalloc/kfree are inline, at the end of this file.
#pragma once
#include <kstd/intrusive_list.hpp>
#include <kstd/span.hpp>
#include <kstd/string_view.hpp>
#include <mm/heap/heap_fault.hpp>
#include <mm/heap/page_source.hpp>
#include <mm/heap/slab.hpp>

namespace mm {

struct ObjectCacheStatistics {
    kstd::StringView name;
    size_t object_size = 0;
    size_t objects_in_use = 0;
    size_t peak_objects_in_use = 0;
    size_t allocations = 0;
    size_t frees = 0;
    size_t failures = 0;
    size_t slabs = 0; // including the one kept empty
    size_t pages = 0;
};

class ObjectCache {
public:
    static constexpr size_t MAX_OBJECT_SIZE = 8192;

    // `name` must outlive the cache (a string literal). 1 <= object_size <= MAX_OBJECT_SIZE
    // and alignment a power of two up to PAGE_SIZE, or the constructor VERIFY-fails.
    ObjectCache(kstd::StringView name, size_t object_size, size_t alignment, PageSource& pages);
    // Gives every slab back to the source, even those with live objects.
    ~ObjectCache();
    ObjectCache(const ObjectCache&) = delete;
    ObjectCache& operator=(const ObjectCache&) = delete;

    // An uninitialised object, or nullptr when the source has no pages.
    void* allocate();
    // nullptr is ignored.
    void free(void* object);

    ObjectCacheStatistics statistics() const;

    // Copies the statistics of up to out.size() caches, oldest first, into `out`, and
    // returns how many caches there are.
    static size_t all_statistics(kstd::Span<ObjectCacheStatistics> out);

private:
    friend class SlabHeap;
    enum class RequestSizes { Untracked, Recorded };

    ObjectCache(kstd::StringView name, size_t object_size, size_t alignment, PageSource& pages,
                RequestSizes request_sizes);

    // What the slab heap calls, with interrupts already off. With RequestSizes::Recorded,
    // `requested_bytes` is remembered and given back by free_object().
    void* allocate_object(size_t requested_bytes);
    // `object` lies in `slab`, a slab of this cache; `reporter` names the heap in a panic.
    size_t free_object(Slab& slab, void* object, kstd::StringView reporter);

    // The slow paths: a new slab when the partial list is empty (nullptr when the source
    // refuses), and moving a slab that just filled up or just emptied.
    Slab* add_partial_slab();
    void slab_filled(Slab& slab);
    void slab_emptied(Slab& slab);
    void release_slab(Slab& slab);

    using SlabList = kstd::IntrusiveList<Slab, &Slab::list_node>;

    kstd::StringView m_name;
    size_t m_object_size;
    size_t m_stride;
    PageSource& m_pages;
    bool m_records_request_sizes;
    unsigned m_slab_order = 0;
    uint32_t m_capacity = 0; // objects per slab
    size_t m_descriptor_offset = 0; // of the Slab, from the start of the block
    uint64_t m_slot_multiplier = 0; // slot = (offset * m_slot_multiplier) >> 32

    SlabList m_partial; // slabs with a free object, the kept empty one included
    SlabList m_full;
    bool m_keeps_empty_slab = false;
    size_t m_slab_count = 0;
    size_t m_objects_in_use = 0;
    size_t m_peak_objects_in_use = 0;
    size_t m_allocations = 0;
    size_t m_frees = 0;
    size_t m_failures = 0;

    kstd::IntrusiveListNode m_registry_node;
    using Registry = kstd::IntrusiveList<ObjectCache, &ObjectCache::m_registry_node>;
    static Registry& registry();
};

inline void* ObjectCache::allocate_object(size_t requested_bytes)
{
    Slab* slab = m_partial.front();
    if (!slab) [[unlikely]] {
        slab = add_partial_slab();
        if (!slab)
            return nullptr;
    }
    uint32_t slot = slab->take_slot();
    if (slab->objects_in_use++ == 0)
        m_keeps_empty_slab = false;
    if (slab->objects_in_use == m_capacity) [[unlikely]]
        slab_filled(*slab);
    if (m_records_request_sizes)
        slab->request_sizes()[slot] = static_cast<uint16_t>(requested_bytes);
    ++m_allocations;
    if (++m_objects_in_use > m_peak_objects_in_use)
        m_peak_objects_in_use = m_objects_in_use;
    return slab->objects + slot * m_stride;
}

inline size_t ObjectCache::free_object(Slab& slab, void* object, kstd::StringView reporter)
{
    auto offset = static_cast<size_t>(static_cast<char*>(object) - slab.objects);
    auto slot = static_cast<uint32_t>((offset * m_slot_multiplier) >> 32);
    if (slot >= m_capacity || slot * m_stride != offset) [[unlikely]]
        report_foreign_free(reporter, object);
    if (!slab.release_slot(slot)) [[unlikely]]
        report_double_free(reporter, object, m_object_size);
    size_t requested_bytes = m_records_request_sizes ? slab.request_sizes()[slot] : m_object_size;
    ++m_frees;
    --m_objects_in_use;
    if (slab.objects_in_use-- == m_capacity) [[unlikely]] {
        m_full.remove(slab);
        m_partial.push_front(slab);
    }
    if (slab.objects_in_use == 0) [[unlikely]] {
        // The common case inline: the only slab empties and becomes the one kept.
        if (!m_keeps_empty_slab && m_partial.size() == 1)
            m_keeps_empty_slab = true;
        else
            slab_emptied(slab);
    }
    return requested_bytes;
}

} // namespace mm
