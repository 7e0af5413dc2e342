// BumpHeap: carving, and rewinding when the last allocation is freed.
#include <mm/heap/allocation_header.hpp>
#include <log/log.hpp>
#include <mm/heap/bump_heap.hpp>

namespace mm {

void* BumpHeap::allocate_block(size_t bytes, size_t alignment)
{
    void* payload = m_current ? carve(bytes, alignment) : nullptr;
    if (!payload) {
        Chunk* chunk = m_chunks.add(sizeof(AllocationHeader) + alignment + bytes, CHUNK_ORDER);
        if (!chunk)
            return nullptr;
        m_current = chunk;
        m_next = chunk->begin();
        payload = carve(bytes, alignment);
        warn_when_nearly_full();
    }
    ++m_live_allocations;
    return payload;
}

void BumpHeap::warn_when_nearly_full()
{
    size_t limit_pages = m_pages.limit_bytes() / PAGE_SIZE;
    if (m_warned || m_pages.pages_held() * 10 <= limit_pages * 9)
        return;
    m_warned = true;
    klog::warn("heap=bump: the arena is over 90% full ({} of {} KiB); it is given back only when all is freed",
               m_pages.pages_held() * PAGE_SIZE / 1024, limit_pages * PAGE_SIZE / 1024);
}

void* BumpHeap::carve(size_t bytes, size_t alignment)
{
    char* payload = payload_address(m_next, alignment);
    auto end = align_up(reinterpret_cast<uintptr_t>(payload) + bytes, DEFAULT_ALIGNMENT);
    if (end > reinterpret_cast<uintptr_t>(m_current->end()))
        return nullptr;
    size_t block_bytes = end - reinterpret_cast<uintptr_t>(m_next);
    write_live_header(m_next, payload, block_bytes, bytes);
    m_next += block_bytes;
    return payload;
}

size_t BumpHeap::free_block(void* pointer)
{
    size_t requested_bytes = claim_allocation(NAME, m_chunks, pointer).header.requested_bytes;
    if (--m_live_allocations == 0)
        rewind();
    return requested_bytes;
}

void BumpHeap::rewind()
{
    m_chunks.release_all_but_first();
    m_current = m_chunks.first();
    m_next = m_current->begin();
}

} // namespace mm
