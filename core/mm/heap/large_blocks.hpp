// LargeBlocks: requests too big for a size class, served as whole buddy blocks.
//
// The slab and block heaps send anything above their largest class here. A request takes
// the smallest block of pages that holds it (so it is page-aligned, which satisfies every
// alignment a heap accepts), and the block's first page is tagged with the order, the
// requested size and this owner's key (page_tag.hpp): free() needs nothing else, and
// nothing is written into the block. Live blocks are not listed anywhere, so a heap
// destroyed while it still has some leaves them allocated in the source.
#pragma once
#include <kstd/string_view.hpp>
#include <mm/heap/page_source.hpp>
#include <mm/heap/page_tag.hpp>

namespace mm {

class LargeBlocks {
public:
    explicit LargeBlocks(PageSource& pages) : m_pages(pages), m_owner_key(new_large_block_owner_key()) {}

    // nullptr when the source has no block that large.
    void* allocate(size_t bytes);
    // Whether `tag` (the page tag of a pointer) marks a large block of this owner.
    bool owns(uintptr_t tag) const;
    // Frees the block that starts at `pointer`, whose page tag `owns()`; panics naming
    // `reporter` if the pointer is inside the block rather than at its start. Returns the
    // bytes that were asked for.
    size_t free(void* pointer, uintptr_t tag, kstd::StringView reporter);

private:
    PageSource& m_pages;
    uint16_t m_owner_key;
};

} // namespace mm
