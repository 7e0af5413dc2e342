// ListHeap: first fit with splitting, and address-ordered insertion with merging.
#include <mm/heap/list_heap.hpp>

namespace mm {

namespace {
char* end_of(FreeBlock* block)
{
    return reinterpret_cast<char*>(block) + block->header.block_bytes;
}

// Absorbs the next block on the list if it starts where `block` ends.
void merge_with_next(FreeBlock* block)
{
    FreeBlock* next = block->next;
    if (next && end_of(block) == reinterpret_cast<char*>(next)) {
        block->header.block_bytes += next->header.block_bytes;
        block->next = next->next;
    }
}
} // namespace

void* ListHeap::allocate_block(size_t bytes, size_t alignment)
{
    if (void* payload = allocate_first_fit(bytes, alignment))
        return payload;
    Chunk* chunk = m_chunks.add(sizeof(AllocationHeader) + alignment + bytes, CHUNK_ORDER);
    if (!chunk)
        return nullptr;
    insert_free_block(write_free_block(chunk->begin(), chunk->usable_bytes(), nullptr));
    return allocate_first_fit(bytes, alignment);
}

void* ListHeap::allocate_first_fit(size_t bytes, size_t alignment)
{
    for (FreeBlock** link = &m_first_free; *link; link = &(*link)->next) {
        FreeBlock* block = *link;
        char* start = reinterpret_cast<char*>(block);
        char* payload = payload_address(start, alignment);
        // At least one payload byte, so that every block can later hold a FreeBlock.
        size_t payload_bytes = bytes ? bytes : 1;
        auto end = reinterpret_cast<char*>(align_up(reinterpret_cast<uintptr_t>(payload) + payload_bytes, DEFAULT_ALIGNMENT));
        if (end > end_of(block))
            continue;
        // Padding before the header stays a free block when it is big enough to be one.
        char* allocation_start = start;
        FreeBlock** successor_link = link;
        size_t padding = static_cast<size_t>(payload - sizeof(AllocationHeader) - start);
        if (padding >= MIN_BLOCK_BYTES) {
            allocation_start = payload - sizeof(AllocationHeader);
            successor_link = &block->next;
        }
        FreeBlock* successor = block->next;
        size_t leftover = static_cast<size_t>(end_of(block) - end);
        if (leftover >= MIN_BLOCK_BYTES)
            successor = write_free_block(end, leftover, successor);
        else
            end = end_of(block);
        if (padding >= MIN_BLOCK_BYTES)
            block->header.block_bytes = static_cast<uint32_t>(padding);
        *successor_link = successor;
        write_live_header(allocation_start, payload, static_cast<size_t>(end - allocation_start), bytes);
        return payload;
    }
    return nullptr;
}

size_t ListHeap::free_block(void* pointer)
{
    ClaimedAllocation allocation = claim_allocation(NAME, m_chunks, pointer);
    size_t requested_bytes = allocation.header.requested_bytes;
    FreeBlock** link = insert_free_block(free_block_of(allocation.header, nullptr));
    // Give the chunk back if it is wholly free now, unless it is the last one.
    Chunk& chunk = allocation.chunk;
    FreeBlock* merged = *link;
    bool chunk_is_free = reinterpret_cast<char*>(merged) == chunk.begin() && end_of(merged) == chunk.end();
    if (chunk_is_free && m_chunks.count() > 1) {
        *link = merged->next;
        m_chunks.release(chunk);
    }
    return requested_bytes;
}

FreeBlock** ListHeap::insert_free_block(FreeBlock* block)
{
    FreeBlock** link = &m_first_free;
    FreeBlock** previous_link = nullptr;
    while (*link && *link < block) {
        previous_link = link;
        link = &(*link)->next;
    }
    block->next = *link;
    *link = block;
    merge_with_next(block);
    if (previous_link && end_of(*previous_link) == reinterpret_cast<char*>(block)) {
        merge_with_next(*previous_link);
        return previous_link;
    }
    return link;
}

} // namespace mm
