// Page tags: the bit layout described in page_tag.hpp.
#include <kstd/verify.hpp>
#include <mm/frames.hpp>
#include <mm/heap/heap.hpp>
#include <mm/heap/page_tag.hpp>

namespace mm {

namespace {
constexpr uintptr_t KIND_MASK = 3;
constexpr uintptr_t CHUNK_BITS = 2;
constexpr uintptr_t LARGE_BITS = 3;
constexpr unsigned ORDER_SHIFT = 2;
constexpr unsigned ORDER_BITS = 6;
constexpr unsigned KEY_SHIFT = ORDER_SHIFT + ORDER_BITS;
constexpr unsigned REQUEST_SHIFT = KEY_SHIFT + 16;

uint16_t last_large_block_owner_key = 0;

uintptr_t descriptor_tag(const void* descriptor, uintptr_t kind_bits)
{
    auto address = reinterpret_cast<uintptr_t>(descriptor);
    VERIFY(address != 0 && (address & KIND_MASK) == 0);
    return address | kind_bits;
}
} // namespace

PageTagKind page_tag_kind(uintptr_t tag)
{
    if (tag == 0)
        return PageTagKind::None;
    switch (tag & KIND_MASK) {
    case 0:
        return PageTagKind::Slab;
    case CHUNK_BITS:
        return PageTagKind::Chunk;
    case LARGE_BITS:
        return PageTagKind::Large;
    default:
        return PageTagKind::None;
    }
}

uintptr_t slab_page_tag(const void* slab)
{
    return descriptor_tag(slab, 0);
}

uintptr_t chunk_page_tag(const void* chunk)
{
    return descriptor_tag(chunk, CHUNK_BITS);
}

void* tagged_descriptor(uintptr_t tag)
{
    return reinterpret_cast<void*>(tag & ~KIND_MASK);
}

uintptr_t large_page_tag(const LargePageTag& large)
{
    static_assert(MAX_ALLOCATION_BYTES < (uint64_t(1) << (64 - REQUEST_SHIFT)));
    VERIFY(large.order < (1u << ORDER_BITS) && large.requested_bytes <= MAX_ALLOCATION_BYTES);
    return uintptr_t(large.requested_bytes) << REQUEST_SHIFT | uintptr_t(large.owner_key) << KEY_SHIFT
        | uintptr_t(large.order) << ORDER_SHIFT | LARGE_BITS;
}

LargePageTag decode_large_page_tag(uintptr_t tag)
{
    return {
        .owner_key = static_cast<uint16_t>(tag >> KEY_SHIFT),
        .order = static_cast<unsigned>((tag >> ORDER_SHIFT) & ((1u << ORDER_BITS) - 1)),
        .requested_bytes = static_cast<size_t>(tag >> REQUEST_SHIFT),
    };
}

uint16_t new_large_block_owner_key()
{
    if (++last_large_block_owner_key == 0)
        last_large_block_owner_key = 1;
    return last_large_block_owner_key;
}

void tag_pages(PageSource& source, void* block, size_t pages, uintptr_t tag)
{
    for (size_t index = 0; index < pages; ++index)
        source.set_page_tag(static_cast<char*>(block) + index * PAGE_SIZE, tag);
}

} // namespace mm
