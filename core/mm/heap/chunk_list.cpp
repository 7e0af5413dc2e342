// ChunkList: taking, tagging and returning chunks.
#include <mm/heap/chunk_list.hpp>
#include <mm/heap/heap_sizes.hpp>
#include <mm/heap/page_tag.hpp>

#include <new>

namespace mm {

ChunkList::~ChunkList()
{
    while (Chunk* chunk = m_chunks.front())
        release(*chunk);
}

Chunk* ChunkList::add(size_t usable_bytes, unsigned min_order)
{
    unsigned order = order_for_bytes(usable_bytes + sizeof(Chunk));
    if (order < min_order)
        order = min_order;
    auto block = m_pages.allocate_pages(order);
    if (block.is_error())
        return nullptr;
    Chunk* chunk = new (block.value()) Chunk(*this, order);
    tag_pages(m_pages, chunk, size_t(1) << order, descriptor_page_tag(chunk, PageTagKind::Chunk));
    m_chunks.push_back(*chunk);
    return chunk;
}

void ChunkList::release(Chunk& chunk)
{
    unsigned order = chunk.order;
    m_chunks.remove(chunk);
    tag_pages(m_pages, &chunk, size_t(1) << order, 0);
    chunk.~Chunk();
    m_pages.free_pages(&chunk, order);
}

void ChunkList::release_all_but_first()
{
    Chunk* first = m_chunks.pop_front();
    while (Chunk* chunk = m_chunks.front())
        release(*chunk);
    if (first)
        m_chunks.push_front(*first);
}

Chunk* ChunkList::chunk_of(const void* pointer) const
{
    uintptr_t tag = m_pages.page_tag(pointer);
    if (page_tag_kind(tag) != PageTagKind::Chunk)
        return nullptr;
    auto* chunk = static_cast<Chunk*>(tagged_descriptor(tag));
    return chunk->owner == this ? chunk : nullptr;
}

} // namespace mm
