// BlockHeap: popping and pushing blocks, and cutting chunks into them.
#include <mm/heap/block_heap.hpp>
#include <mm/heap/heap_fault.hpp>
#include <mm/heap/heap_sizes.hpp>

namespace mm {

void* BlockHeap::allocate_block(size_t bytes, size_t alignment)
{
    // Blocks start 16-aligned, so the payload is at most max(16, alignment) in.
    size_t needed = (alignment > sizeof(AllocationHeader) ? alignment : sizeof(AllocationHeader)) + bytes;
    if (needed > LARGEST_BLOCK)
        return m_large.allocate(bytes);
    size_t index = power_of_two_class(needed, SMALLEST_BLOCK_SHIFT);
    BlockList& list = m_lists[index];
    if (!list.first_free && !refill(index))
        return nullptr;
    FreeBlock* block = list.first_free;
    list.first_free = block->next;
    ++list.blocks_in_use;
    char* start = reinterpret_cast<char*>(block);
    char* payload = payload_address(start, alignment);
    write_live_header(start, payload, block_size(index), bytes);
    return payload;
}

size_t BlockHeap::free_block(void* pointer)
{
    uintptr_t tag = m_pages.page_tag(pointer);
    if (m_large.owns(tag))
        return m_large.free(pointer, tag, NAME);
    AllocationHeader& header = claim_allocation(NAME, m_chunks, pointer).header;
    size_t index = power_of_two_class(header.block_bytes, SMALLEST_BLOCK_SHIFT);
    if (index >= CLASS_COUNT || block_size(index) != header.block_bytes)
        report_foreign_free(NAME, pointer);
    BlockList& list = m_lists[index];
    list.first_free = free_block_of(header, list.first_free);
    --list.blocks_in_use;
    return header.requested_bytes;
}

bool BlockHeap::refill(size_t index)
{
    Chunk* chunk = m_chunks.add(0, CHUNK_ORDER);
    if (!chunk)
        return false;
    BlockList& list = m_lists[index];
    size_t size = block_size(index);
    for (char* block = chunk->begin(); block + size <= chunk->end(); block += size)
        list.first_free = write_free_block(block, size, list.first_free);
    ++list.chunks;
    return true;
}

void BlockHeap::add_size_classes(HeapStatistics& statistics) const
{
    for (size_t index = 0; index < CLASS_COUNT; ++index) {
        statistics.size_classes[statistics.size_class_count++] = {
            .object_size = block_size(index),
            .objects_in_use = m_lists[index].blocks_in_use,
            .slabs = m_lists[index].chunks,
            .pages = m_lists[index].chunks << CHUNK_ORDER,
        };
    }
}

} // namespace mm
