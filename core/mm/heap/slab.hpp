// Slab: one buddy block of an object cache, cut into equal objects.
//
// The objects start at the block's first byte (so each is aligned as far as the cache's
// stride allows); the Slab descriptor sits after the last object, followed by the
// allocation bitmap (one bit per object, set = in use) and, for caches that record them,
// the requested size of each object (the slab heap's bytes_in_use). Keeping all
// bookkeeping out of the objects means a live object is never written by the cache, and
// the bitmap makes a double free certain to be caught. Every page of the block is tagged
// with the Slab's address (page_tag.hpp), which is how free() finds it. Bits past the
// capacity in the last bitmap word are set from the start, so they are never handed out.
#pragma once
#include <kstd/intrusive_list.hpp>
#include <stddef.h>
#include <stdint.h>

namespace mm {

class ObjectCache;

struct Slab {
    Slab(ObjectCache& owner, char* first_object, uint32_t capacity)
        : cache(&owner), objects(first_object), m_capacity(capacity)
    {
        size_t words = bitmap_words(capacity);
        for (size_t word = 0; word < words; ++word)
            bitmap()[word] = 0;
        if (uint32_t used_bits = capacity % 64)
            bitmap()[words - 1] = ~uint64_t(0) << used_bits;
    }

    static size_t bitmap_words(uint32_t capacity) { return (capacity + 63) / 64; }
    // Bytes from the descriptor's address to the end of its bookkeeping.
    static size_t bookkeeping_bytes(uint32_t capacity, bool records_request_sizes)
    {
        return sizeof(Slab) + bitmap_words(capacity) * sizeof(uint64_t)
            + (records_request_sizes ? capacity * sizeof(uint16_t) : 0);
    }

    // Marks the lowest free slot in use and returns its index. The slab must not be full.
    uint32_t take_slot()
    {
        uint32_t word = m_first_candidate_word;
        while (bitmap()[word] == ~uint64_t(0))
            ++word;
        unsigned bit = __builtin_ctzll(~bitmap()[word]);
        bitmap()[word] |= uint64_t(1) << bit;
        m_first_candidate_word = word;
        return word * 64 + bit;
    }

    // Marks a slot free; false when it already was (a double free).
    bool release_slot(uint32_t slot)
    {
        uint64_t& word = bitmap()[slot / 64];
        uint64_t bit = uint64_t(1) << (slot % 64);
        if ((word & bit) == 0)
            return false;
        word &= ~bit;
        if (slot / 64 < m_first_candidate_word)
            m_first_candidate_word = slot / 64;
        return true;
    }

    uint16_t* request_sizes() { return reinterpret_cast<uint16_t*>(bitmap() + bitmap_words(m_capacity)); }

    kstd::IntrusiveListNode list_node; // on the cache's partial or full list
    ObjectCache* const cache;
    char* const objects;
    uint32_t objects_in_use = 0;

private:
    uint64_t* bitmap() { return reinterpret_cast<uint64_t*>(this + 1); }

    uint32_t m_capacity;
    uint32_t m_first_candidate_word = 0; // every bitmap word before it is all ones
};

} // namespace mm
