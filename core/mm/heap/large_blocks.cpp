// LargeBlocks: one tagged buddy block per request.
#include <mm/heap/heap_fault.hpp>
#include <mm/heap/heap_sizes.hpp>
#include <mm/heap/large_blocks.hpp>

namespace mm {

void* LargeBlocks::allocate(size_t bytes)
{
    unsigned order = order_for_bytes(bytes);
    auto block = m_pages.allocate_pages(order);
    if (block.is_error())
        return nullptr;
    uintptr_t tag = large_page_tag({ .owner_key = m_owner_key, .order = order, .requested_bytes = bytes });
    tag_pages(m_pages, block.value(), 1, tag);
    return block.value();
}

bool LargeBlocks::owns(uintptr_t tag) const
{
    return page_tag_kind(tag) == PageTagKind::Large && decode_large_page_tag(tag).owner_key == m_owner_key;
}

size_t LargeBlocks::free(void* pointer, uintptr_t tag, kstd::StringView reporter)
{
    if (!is_aligned(reinterpret_cast<uintptr_t>(pointer), PAGE_SIZE))
        report_foreign_free(reporter, pointer);
    LargePageTag large = decode_large_page_tag(tag);
    tag_pages(m_pages, pointer, 1, 0);
    m_pages.free_pages(pointer, large.order);
    return large.requested_bytes;
}

} // namespace mm
