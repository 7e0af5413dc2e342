// ChunkList: the buddy blocks ("chunks") that the list, block and bump heaps carve up
// themselves.
//
// Each chunk starts with a small Chunk descriptor; the rest, from begin() to end(), is the
// heap's to cut up. Every page of a chunk is tagged with its descriptor (page_tag.hpp), so
// chunk_of(pointer) answers "is this one of mine, and which chunk?" without reading any
// memory the heap does not own. The list gives all its chunks back when destroyed.
#pragma once
#include <kstd/intrusive_list.hpp>
#include <mm/frames.hpp>
#include <mm/heap/page_source.hpp>

namespace mm {

class ChunkList;

struct alignas(16) Chunk {
    Chunk(const ChunkList& owner_list, unsigned block_order) : owner(&owner_list), order(block_order) {}

    char* begin() { return reinterpret_cast<char*>(this + 1); }
    char* end() { return reinterpret_cast<char*>(this) + order_bytes(order); }
    size_t usable_bytes() { return static_cast<size_t>(end() - begin()); }

    kstd::IntrusiveListNode list_node;
    const ChunkList* const owner;
    const unsigned order;
};

class ChunkList {
public:
    explicit ChunkList(PageSource& pages) : m_pages(pages) {}
    ~ChunkList();
    ChunkList(const ChunkList&) = delete;
    ChunkList& operator=(const ChunkList&) = delete;

    // A new chunk, of at least `min_order`, with at least `usable_bytes` between begin()
    // and end(); nullptr when the source refuses.
    Chunk* add(size_t usable_bytes, unsigned min_order);
    void release(Chunk& chunk);
    // Returns every chunk but the oldest.
    void release_all_but_first();
    // The chunk of this list whose pages hold `pointer`, or nullptr.
    Chunk* chunk_of(const void* pointer) const;

    Chunk* first() const { return m_chunks.front(); }
    size_t count() const { return m_chunks.size(); }

private:
    PageSource& m_pages;
    kstd::IntrusiveList<Chunk, &Chunk::list_node> m_chunks;
};

} // namespace mm
