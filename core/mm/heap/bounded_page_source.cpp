// BoundedPageSource: the limit check and the page count around the real source.
#include <mm/heap/bounded_page_source.hpp>

namespace mm {

kstd::Result<void*> BoundedPageSource::allocate_pages(unsigned order)
{
    size_t limit_pages = m_limit_bytes / PAGE_SIZE;
    if (order >= 48 || (size_t(1) << order) > limit_pages - m_pages_held)
        return kstd::Errno::OutOfMemory;
    void* block = TRY(m_backing.allocate_pages(order));
    m_pages_held += size_t(1) << order;
    return block;
}

void BoundedPageSource::free_pages(void* block, unsigned order)
{
    m_backing.free_pages(block, order);
    m_pages_held -= size_t(1) << order;
}

} // namespace mm
