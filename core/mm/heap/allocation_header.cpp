// AllocationHeader: placing headers, and validating a pointer given to free().
#include <mm/heap/allocation_header.hpp>
#include <mm/heap/heap.hpp>
#include <mm/heap/heap_fault.hpp>

namespace mm {

char* payload_address(char* block, size_t alignment)
{
    size_t payload_alignment = alignment < DEFAULT_ALIGNMENT ? DEFAULT_ALIGNMENT : alignment;
    return reinterpret_cast<char*>(align_up(reinterpret_cast<uintptr_t>(block) + sizeof(AllocationHeader),
                                            payload_alignment));
}

void write_live_header(char* block, char* payload, size_t block_bytes, size_t requested_bytes)
{
    auto* header = reinterpret_cast<AllocationHeader*>(payload) - 1;
    *header = {
        .state = AllocationHeader::LIVE,
        .requested_bytes = static_cast<uint32_t>(requested_bytes),
        .block_bytes = static_cast<uint32_t>(block_bytes),
        .payload_offset = static_cast<uint32_t>(payload - block),
    };
}

FreeBlock* write_free_block(char* block, size_t block_bytes, FreeBlock* next)
{
    auto* free_block = reinterpret_cast<FreeBlock*>(block);
    free_block->header = {
        .state = AllocationHeader::FREED,
        .requested_bytes = 0,
        .block_bytes = static_cast<uint32_t>(block_bytes),
        .payload_offset = sizeof(AllocationHeader),
    };
    free_block->next = next;
    return free_block;
}

FreeBlock* free_block_of(AllocationHeader& header, FreeBlock* next)
{
    uint32_t requested_bytes = header.requested_bytes;
    FreeBlock* block = write_free_block(header.block_start(), header.block_bytes, next);
    header.requested_bytes = requested_bytes; // the header may be the free block's own
    return block;
}

// A header that reads LIVE may still be caller data that happens to look like one: its
// block must lie inside the chunk, with the payload inside the block.
static bool fits_in_chunk(AllocationHeader& header, Chunk& chunk)
{
    if (header.payload_offset < sizeof(AllocationHeader) || header.payload_offset > header.block_bytes)
        return false;
    char* block = header.block_start();
    return block >= chunk.begin() && header.block_bytes <= static_cast<size_t>(chunk.end() - block);
}

ClaimedAllocation claim_allocation(kstd::StringView heap, const ChunkList& chunks, void* pointer)
{
    auto* payload = static_cast<char*>(pointer);
    Chunk* chunk = chunks.chunk_of(pointer);
    bool may_have_header = chunk && is_aligned(reinterpret_cast<uintptr_t>(payload), DEFAULT_ALIGNMENT)
        && payload >= chunk->begin() + sizeof(AllocationHeader);
    if (!may_have_header)
        report_foreign_free(heap, pointer);
    auto& header = *(reinterpret_cast<AllocationHeader*>(payload) - 1);
    if (header.state == AllocationHeader::FREED)
        report_double_free(heap, pointer, header.requested_bytes);
    if (header.state != AllocationHeader::LIVE || !fits_in_chunk(header, *chunk))
        report_foreign_free(heap, pointer);
    header.state = AllocationHeader::FREED;
    return { header, *chunk };
}

} // namespace mm
