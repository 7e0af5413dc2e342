// BumpHeap: the tutorial bump allocator. Each allocation is carved at a pointer that only
// moves up through the current 64 KiB chunk (a bigger one for a big request); when it does
// not fit, the rest of the chunk is abandoned and a new chunk started.
//
// free() only checks the pointer and counts down the live allocations; memory comes back
// all at once, when that count reaches zero: every chunk but the first is returned and the
// pointer rewinds. So one long-lived allocation pins everything carved after it, and a
// workload that never frees everything runs the heap into its limit, while the other heaps
// recycle. Each allocation has a 16-byte header (allocation_header.hpp) for the
// double-free and foreign-pointer checks.
//
// As the kernel's heap (heap=bump) that means the kernel wedges for good once the arena
// (its byte limit) is full: even removing a file needs an allocation, so nothing can be
// freed any more. The heap logs a warning, once, when its pages pass 90 % of the arena.
#pragma once
#include <mm/heap/chunk_list.hpp>
#include <mm/heap/heap.hpp>

namespace mm {

class BumpHeap final : public Heap {
public:
    static constexpr unsigned CHUNK_ORDER = 4;

    BumpHeap(PageSource& pages, size_t limit_bytes) : Heap(pages, limit_bytes), m_chunks(m_pages) {}

    static constexpr kstd::StringView NAME = "bump";
    kstd::StringView name() const override { return NAME; }

protected:
    void* allocate_block(size_t bytes, size_t alignment) override;
    size_t free_block(void* pointer) override;

private:
    // Carves from the current chunk; nullptr when the allocation does not fit there.
    void* carve(size_t bytes, size_t alignment);
    void rewind();
    // Logs the warning the first time the arena is more than 90 % taken.
    void warn_when_nearly_full();

    ChunkList m_chunks;
    Chunk* m_current = nullptr;
    char* m_next = nullptr;
    size_t m_live_allocations = 0;
    bool m_warned = false;
};

} // namespace mm
