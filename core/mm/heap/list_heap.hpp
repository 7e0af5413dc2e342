// ListHeap: the tutorial linked-list allocator. First fit over one free list kept in
// address order, with each freed block merged into free neighbours.
//
// The heap grows by taking 64 KiB chunks (bigger for a big request) and gives a chunk back
// as soon as it is wholly free again, except the last one it holds. An allocation is a
// block of a chunk with a 16-byte header in front of the payload (allocation_header.hpp);
// leftovers of at least MIN_BLOCK_BYTES are split off as free blocks. Both allocate() and
// free() walk the free list, so they slow down as the heap fragments: the cost the
// benchmarks show next to the slab heap.
#pragma once
#include <mm/heap/allocation_header.hpp>
#include <mm/heap/chunk_list.hpp>
#include <mm/heap/heap.hpp>

namespace mm {

class ListHeap final : public Heap {
public:
    static constexpr unsigned CHUNK_ORDER = 4;

    ListHeap(PageSource& pages, size_t limit_bytes) : Heap(pages, limit_bytes), m_chunks(m_pages) {}

    static constexpr kstd::StringView NAME = "list";
    kstd::StringView name() const override { return NAME; }

protected:
    void* allocate_block(size_t bytes, size_t alignment) override;
    size_t free_block(void* pointer) override;

private:
    // Carves the allocation out of the first free block it fits in; nullptr if none.
    void* allocate_first_fit(size_t bytes, size_t alignment);
    // Links a free block into the list in address order and merges it with its
    // neighbours; returns the link to the merged block.
    FreeBlock** insert_free_block(FreeBlock* block);

    ChunkList m_chunks;
    FreeBlock* m_first_free = nullptr;
};

} // namespace mm
