// Slab: the allocation bitmap. Bits past the capacity in the last word are set from the
// start, so a search never hands them out.
#include <mm/heap/slab.hpp>

namespace mm {

Slab::Slab(ObjectCache& owner, char* first_object, uint32_t capacity)
    : cache(&owner), objects(first_object), m_capacity(capacity)
{
    size_t words = bitmap_words(capacity);
    for (size_t word = 0; word < words; ++word)
        bitmap()[word] = 0;
    if (uint32_t used_bits = capacity % 64)
        bitmap()[words - 1] = ~uint64_t(0) << used_bits;
}

size_t Slab::bookkeeping_bytes(uint32_t capacity, bool records_request_sizes)
{
    return sizeof(Slab) + bitmap_words(capacity) * sizeof(uint64_t)
        + (records_request_sizes ? capacity * sizeof(uint16_t) : 0);
}

uint32_t Slab::take_slot()
{
    size_t words = bitmap_words(m_capacity);
    for (size_t word = m_first_candidate_word; word < words; ++word) {
        uint64_t free_bits = ~bitmap()[word];
        if (free_bits == 0)
            continue;
        unsigned bit = __builtin_ctzll(free_bits);
        bitmap()[word] |= uint64_t(1) << bit;
        m_first_candidate_word = static_cast<uint32_t>(word);
        return static_cast<uint32_t>(word * 64 + bit);
    }
    m_first_candidate_word = static_cast<uint32_t>(words);
    return NO_SLOT;
}

bool Slab::release_slot(uint32_t slot)
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

} // namespace mm
