// BlockHeap: the tutorial fixed-size block allocator. One free list per block size (32
// bytes to 2 KiB, powers of two); anything bigger goes to the page source as a large block.
//
// A request takes the smallest block that holds a 16-byte header, the alignment padding
// and the bytes (allocation_header.hpp); an empty list is refilled by cutting a fresh
// 16 KiB chunk into blocks of its size. Freed blocks go back on the front of their list,
// and chunks are never returned while the heap lives: the heap keeps whatever it has grown
// to, which is the design's simplicity and its cost. The header's state catches a double
// free; the page tag catches a pointer from elsewhere.
#pragma once
#include <mm/heap/allocation_header.hpp>
#include <mm/heap/chunk_list.hpp>
#include <mm/heap/heap.hpp>
#include <mm/heap/large_blocks.hpp>

namespace mm {

class BlockHeap final : public Heap {
public:
    static constexpr unsigned SMALLEST_BLOCK_SHIFT = 5; // 32 bytes
    static constexpr size_t CLASS_COUNT = 7; // up to 2048 bytes
    static constexpr size_t LARGEST_BLOCK = size_t(1) << (SMALLEST_BLOCK_SHIFT + CLASS_COUNT - 1);
    static constexpr unsigned CHUNK_ORDER = 2;

    BlockHeap(PageSource& pages, size_t limit_bytes) : Heap(pages, limit_bytes), m_chunks(m_pages), m_large(m_pages) {}

    static constexpr kstd::StringView NAME = "block";
    kstd::StringView name() const override { return NAME; }

protected:
    void* allocate_block(size_t bytes, size_t alignment) override;
    size_t free_block(void* pointer) override;
    void add_size_classes(HeapStatistics& statistics) const override;

private:
    struct BlockList {
        FreeBlock* first_free = nullptr;
        size_t blocks_in_use = 0;
        size_t chunks = 0;
    };

    static size_t block_size(size_t index) { return size_t(1) << (SMALLEST_BLOCK_SHIFT + index); }
    bool refill(size_t index);

    ChunkList m_chunks;
    LargeBlocks m_large;
    BlockList m_lists[CLASS_COUNT];
};

} // namespace mm
