// Page tags: how a heap gets from any pointer to the slab, chunk or large block it is in.
//
// Each heap tags the pages it takes from its PageSource with one word (page_source.hpp).
// The low two bits say what the word is, so heaps that share a source never mistake each
// other's pages for their own:
//   ..00  a Slab* (object_cache.hpp): every page of a slab carries it;
//   ..10  a Chunk* (chunk_list.hpp) of the list, block or bump heap: every page of a chunk;
//   ..11  a large allocation (large_blocks.hpp), first page only: the owner's 16-bit key,
//         the block's order and the bytes that were asked for.
// 0 is "no tag": a page the source never handed out, or one a heap has given back (heaps
// clear their tags before returning pages). Decoding is inline: free() does it every time.
#pragma once
#include <kstd/verify.hpp>
#include <mm/heap/heap.hpp>
#include <mm/heap/page_source.hpp>

namespace mm {

enum class PageTagKind { None, Slab, Chunk, Large };

namespace page_tag_bits {
inline constexpr uintptr_t KIND_MASK = 3;
inline constexpr uintptr_t CHUNK = 2;
inline constexpr uintptr_t LARGE = 3;
inline constexpr unsigned ORDER_SHIFT = 2;
inline constexpr unsigned ORDER_BITS = 6;
inline constexpr unsigned KEY_SHIFT = ORDER_SHIFT + ORDER_BITS;
inline constexpr unsigned REQUEST_SHIFT = KEY_SHIFT + 16;
static_assert(MAX_ALLOCATION_BYTES < (uint64_t(1) << (64 - REQUEST_SHIFT)));
} // namespace page_tag_bits

inline PageTagKind page_tag_kind(uintptr_t tag)
{
    using namespace page_tag_bits;
    if (tag == 0)
        return PageTagKind::None;
    uintptr_t kind = tag & KIND_MASK;
    return kind == 0 ? PageTagKind::Slab : kind == CHUNK ? PageTagKind::Chunk : kind == LARGE ? PageTagKind::Large : PageTagKind::None;
}

// Slabs and chunks: the address of their descriptor (8-aligned) with the kind bits.
inline uintptr_t descriptor_page_tag(const void* descriptor, PageTagKind kind)
{
    auto address = reinterpret_cast<uintptr_t>(descriptor);
    VERIFY(address != 0 && (address & page_tag_bits::KIND_MASK) == 0);
    VERIFY(kind == PageTagKind::Slab || kind == PageTagKind::Chunk);
    return kind == PageTagKind::Chunk ? address | page_tag_bits::CHUNK : address;
}
// The descriptor address of a Slab or Chunk tag.
inline void* tagged_descriptor(uintptr_t tag)
{
    return reinterpret_cast<void*>(tag & ~page_tag_bits::KIND_MASK);
}

struct LargePageTag {
    uint16_t owner_key;
    unsigned order;
    size_t requested_bytes;
};

inline uintptr_t large_page_tag(const LargePageTag& large)
{
    using namespace page_tag_bits;
    VERIFY(large.order < (1u << ORDER_BITS) && large.requested_bytes <= MAX_ALLOCATION_BYTES);
    return uintptr_t(large.requested_bytes) << REQUEST_SHIFT | uintptr_t(large.owner_key) << KEY_SHIFT
        | uintptr_t(large.order) << ORDER_SHIFT | LARGE;
}

inline LargePageTag decode_large_page_tag(uintptr_t tag)
{
    using namespace page_tag_bits;
    return {
        .owner_key = static_cast<uint16_t>(tag >> KEY_SHIFT),
        .order = static_cast<unsigned>((tag >> ORDER_SHIFT) & ((1u << ORDER_BITS) - 1)),
        .requested_bytes = static_cast<size_t>(tag >> REQUEST_SHIFT),
    };
}

// A key for a new owner of large blocks; keys are reused only after 65535 others.
uint16_t new_large_block_owner_key();

// Sets the tag of the first `pages` pages of `block`.
void tag_pages(PageSource& source, void* block, size_t pages, uintptr_t tag);

} // namespace mm
