// AllocationHeader: the 16 bytes in front of every allocation of the list, block and bump
// heaps, and the checks free() makes with it.
//
// An allocation occupies a block of its chunk: [block start, block start + block_bytes).
// The payload is the first address after 16 header bytes that has the requested
// alignment; the header sits right before it, so a free() finds it from the pointer
// alone. The state word tells a live allocation from a freed one (a double free) and from
// memory that never held a header at all (a foreign pointer). The free-list heaps keep a
// FreeBlock, a header plus a link, at the start of every free block.
#pragma once
#include <kstd/string_view.hpp>
#include <mm/heap/chunk_list.hpp>
#include <stddef.h>
#include <stdint.h>

namespace mm {

struct AllocationHeader {
    static constexpr uint32_t LIVE = 0xa110c8ed;
    static constexpr uint32_t FREED = 0xf7eeb10c;

    uint32_t state;
    uint32_t requested_bytes;
    uint32_t block_bytes; // the whole block: padding, header, payload and slack
    uint32_t payload_offset; // from the block's start to the payload

    char* block_start() { return reinterpret_cast<char*>(this + 1) - payload_offset; }
};
static_assert(sizeof(AllocationHeader) == 16);

struct FreeBlock {
    AllocationHeader header; // state FREED
    FreeBlock* next;
};

// The smallest block a free-list heap makes: room for a FreeBlock, in 16-byte units.
inline constexpr size_t MIN_BLOCK_BYTES = 32;

// Where the payload of an allocation aligned to `alignment` goes in a block at `block`.
char* payload_address(char* block, size_t alignment);
// Writes the header of a live allocation at `payload` in the block at `block`.
void write_live_header(char* block, char* payload, size_t block_bytes, size_t requested_bytes);
// Writes a free block's descriptor at `block` and returns it.
FreeBlock* write_free_block(char* block, size_t block_bytes, FreeBlock* next);
// Turns the block of a freed allocation into a free block, keeping the allocation's
// requested size in its header for a later double-free report.
FreeBlock* free_block_of(AllocationHeader& header, FreeBlock* next);

struct ClaimedAllocation {
    AllocationHeader& header;
    Chunk& chunk;
};
// The live allocation at `pointer` in one of `chunks`, for free(): marks its header FREED
// and returns it. Panics naming `heap` on a double free or a foreign pointer.
ClaimedAllocation claim_allocation(kstd::StringView heap, const ChunkList& chunks, void* pointer);

} // namespace mm
