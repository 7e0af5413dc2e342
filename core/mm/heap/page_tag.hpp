// Page tags: how a heap gets from any pointer to the slab, chunk or large block it is in.
//
// Each heap tags the pages it takes from its PageSource with one word (page_source.hpp).
// The low two bits say what the word is, so heaps that share a source never mistake each
// other's pages for their own:
//   ..00  a Slab* (object_cache.hpp): every page of a slab carries it;
//   ..10  a Chunk* (chunk_list.hpp) of the list, block or bump heap: every page of a chunk;
//   ..11  a large allocation (large_blocks.hpp), first page only: the owner's 16-bit key,
//         the block's order and the bytes that were asked for (at most 40 bits).
// 0 is "no tag": a page the source never handed out, or one a heap has given back (heaps
// clear their tags before returning pages).
#pragma once
#include <mm/heap/page_source.hpp>

namespace mm {

enum class PageTagKind { None, Slab, Chunk, Large };

PageTagKind page_tag_kind(uintptr_t tag);

// Slabs and chunks: a descriptor address (8-aligned) with the kind in the low bits.
uintptr_t slab_page_tag(const void* slab);
uintptr_t chunk_page_tag(const void* chunk);
// The descriptor address of a Slab or Chunk tag.
void* tagged_descriptor(uintptr_t tag);

struct LargePageTag {
    uint16_t owner_key;
    unsigned order;
    size_t requested_bytes;
};
uintptr_t large_page_tag(const LargePageTag& large);
LargePageTag decode_large_page_tag(uintptr_t tag);

// A key for a new owner of large blocks; keys are reused only after 65535 others.
uint16_t new_large_block_owner_key();

// Sets the tag of the first `pages` pages of `block`.
void tag_pages(PageSource& source, void* block, size_t pages, uintptr_t tag);

} // namespace mm
