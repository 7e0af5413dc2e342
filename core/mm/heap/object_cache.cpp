// ObjectCache: choosing a slab layout, the allocate and free paths, and the registry.
#include <kstd/verify.hpp>
#include <mm/frames.hpp>
#include <mm/heap/heap_fault.hpp>
#include <mm/heap/never_destroyed.hpp>
#include <mm/heap/object_cache.hpp>
#include <mm/heap/page_tag.hpp>
#include <sync/interrupt_guard.hpp>

#include <new>

namespace mm {

namespace {
constexpr unsigned MAX_SLAB_ORDER = 3;
// An order is good enough once the objects use all but an eighth of the slab.
constexpr size_t ACCEPTABLE_WASTE_FRACTION = 8;

struct SlabLayout {
    unsigned order = 0;
    uint32_t capacity = 0;
    size_t descriptor_offset = 0;
};

size_t wasted_bytes(const SlabLayout& layout, size_t stride)
{
    return order_bytes(layout.order) - layout.capacity * stride;
}

// As many objects as fit in a slab of `order` beside the bookkeeping for them.
SlabLayout fit_slab(unsigned order, size_t stride, bool records_request_sizes)
{
    for (size_t capacity = order_bytes(order) / stride; capacity > 0; --capacity) {
        size_t offset = align_up(capacity * stride, alignof(Slab));
        auto count = static_cast<uint32_t>(capacity);
        if (offset + Slab::bookkeeping_bytes(count, records_request_sizes) <= order_bytes(order))
            return { order, count, offset };
    }
    return { order, 0, 0 };
}

// The smallest order that wastes little, else the order that wastes the least.
SlabLayout choose_slab_layout(size_t stride, bool records_request_sizes)
{
    SlabLayout best;
    for (unsigned order = 0; order <= MAX_SLAB_ORDER; ++order) {
        SlabLayout layout = fit_slab(order, stride, records_request_sizes);
        if (layout.capacity == 0)
            continue;
        size_t waste = wasted_bytes(layout, stride);
        if (waste * ACCEPTABLE_WASTE_FRACTION <= order_bytes(order))
            return layout;
        if (best.capacity == 0 || waste * order_bytes(best.order) < wasted_bytes(best, stride) * order_bytes(order))
            best = layout;
    }
    VERIFY(best.capacity > 0);
    return best;
}

} // namespace

ObjectCache::Registry& ObjectCache::registry()
{
    static constinit NeverDestroyed<Registry> caches;
    return caches.get();
}

ObjectCache::ObjectCache(kstd::StringView name, size_t object_size, size_t alignment, PageSource& pages)
    : ObjectCache(name, object_size, alignment, pages, RequestSizes::Untracked)
{
}

ObjectCache::ObjectCache(kstd::StringView name, size_t object_size, size_t alignment, PageSource& pages,
                         RequestSizes request_sizes)
    : m_name(name), m_object_size(object_size), m_stride(align_up(object_size, alignment)), m_pages(pages),
      m_records_request_sizes(request_sizes == RequestSizes::Recorded)
{
    VERIFY(object_size >= 1 && object_size <= MAX_OBJECT_SIZE);
    VERIFY(kstd::is_power_of_two(alignment) && alignment <= PAGE_SIZE);
    SlabLayout layout = choose_slab_layout(m_stride, m_records_request_sizes);
    m_slab_order = layout.order;
    m_capacity = layout.capacity;
    m_descriptor_offset = layout.descriptor_offset;
    m_slot_multiplier = ((uint64_t(1) << 32) + m_stride - 1) / m_stride;
    ksync::InterruptGuard guard;
    registry().push_back(*this);
}

ObjectCache::~ObjectCache()
{
    {
        ksync::InterruptGuard guard;
        registry().remove(*this);
    }
    while (Slab* slab = m_partial.pop_front())
        release_slab(*slab);
    while (Slab* slab = m_full.pop_front())
        release_slab(*slab);
}

void* ObjectCache::allocate()
{
    ksync::InterruptGuard guard;
    return allocate_object(m_object_size);
}

void ObjectCache::free(void* object)
{
    if (!object)
        return;
    ksync::InterruptGuard guard;
    uintptr_t tag = m_pages.page_tag(object);
    auto* slab = static_cast<Slab*>(tagged_descriptor(tag));
    if (page_tag_kind(tag) != PageTagKind::Slab || slab->cache != this)
        report_foreign_free(m_name, object);
    free_object(*slab, object, m_name);
}

Slab* ObjectCache::add_partial_slab()
{
    auto block = m_pages.allocate_pages(m_slab_order);
    if (block.is_error()) {
        ++m_failures;
        return nullptr;
    }
    char* start = static_cast<char*>(block.value());
    Slab* slab = new (start + m_descriptor_offset) Slab(*this, start, m_capacity);
    tag_pages(m_pages, start, size_t(1) << m_slab_order, descriptor_page_tag(slab, PageTagKind::Slab));
    ++m_slab_count;
    m_partial.push_front(*slab);
    return slab;
}

void ObjectCache::slab_filled(Slab& slab)
{
    m_partial.remove(slab);
    m_full.push_back(slab);
}

// Keeps the first slab that empties, at the back of the partial list so that the others
// fill up first; returns any other to the source.
void ObjectCache::slab_emptied(Slab& slab)
{
    if (m_keeps_empty_slab) {
        m_partial.remove(slab);
        release_slab(slab);
        return;
    }
    m_keeps_empty_slab = true;
    if (m_partial.size() > 1) {
        m_partial.remove(slab);
        m_partial.push_back(slab);
    }
}

void ObjectCache::release_slab(Slab& slab)
{
    char* start = slab.objects;
    tag_pages(m_pages, start, size_t(1) << m_slab_order, 0);
    slab.~Slab();
    m_pages.free_pages(start, m_slab_order);
    --m_slab_count;
}

ObjectCacheStatistics ObjectCache::statistics() const
{
    return {
        .name = m_name,
        .object_size = m_object_size,
        .objects_in_use = m_objects_in_use,
        .peak_objects_in_use = m_peak_objects_in_use,
        .allocations = m_allocations,
        .frees = m_frees,
        .failures = m_failures,
        .slabs = m_slab_count,
        .pages = m_slab_count << m_slab_order,
    };
}

size_t ObjectCache::all_statistics(kstd::Span<ObjectCacheStatistics> out)
{
    ksync::InterruptGuard guard;
    size_t count = 0;
    for (ObjectCache& cache : registry()) {
        if (count < out.size())
            out[count] = cache.statistics();
        ++count;
    }
    return count;
}

} // namespace mm
