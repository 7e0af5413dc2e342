// raw_leaf(): what the MMU would find for a virtual address, read straight from the tables.
//
// An independent reading of the x86_64 format (Intel SDM vol. 3, 4-level paging) for the
// page-table tests: plain bit positions instead of PageTableEntry, so a mistake in the
// kernel's encoding does not cancel out against the same mistake in its decoding.
#pragma once
#include <hal/memory.hpp>

#include <optional>
#include <stdint.h>

namespace mm_test {

namespace raw_bits {
inline constexpr uint64_t PRESENT = 1ull << 0;
inline constexpr uint64_t WRITABLE = 1ull << 1;
inline constexpr uint64_t USER = 1ull << 2;
inline constexpr uint64_t PAGE_SIZE_BIT = 1ull << 7;
inline constexpr uint64_t GLOBAL = 1ull << 8;
inline constexpr uint64_t NO_EXECUTE = 1ull << 63;
inline constexpr uint64_t ADDRESS = 0x000f'ffff'ffff'f000;
} // namespace raw_bits

struct RawLeaf {
    uint64_t entry;
    int level; // 1: a 4 KiB page in a PT, 2: a 2 MiB page in a PD
};

inline std::optional<RawLeaf> raw_leaf(uint64_t root, uint64_t virtual_address)
{
    uint64_t table = root;
    for (int level = 4; level >= 1; --level) {
        const auto* entries = static_cast<const uint64_t*>(hal::phys_to_virt(table));
        uint64_t entry = entries[(virtual_address >> (12 + 9 * (level - 1))) & 0x1ff];
        if (!(entry & raw_bits::PRESENT))
            return std::nullopt;
        if (level == 1 || (level == 2 && (entry & raw_bits::PAGE_SIZE_BIT)))
            return RawLeaf { entry, level };
        table = entry & raw_bits::ADDRESS;
    }
    return std::nullopt;
}

// The PT entry for `virtual_address`, present or not (a parked page's, for instance);
// nullopt when a table on the way is missing.
inline std::optional<uint64_t> raw_small_entry(uint64_t root, uint64_t virtual_address)
{
    uint64_t table = root;
    for (int level = 4; level >= 1; --level) {
        const auto* entries = static_cast<const uint64_t*>(hal::phys_to_virt(table));
        uint64_t entry = entries[(virtual_address >> (12 + 9 * (level - 1))) & 0x1ff];
        if (level == 1)
            return entry;
        if (!(entry & raw_bits::PRESENT) || (entry & raw_bits::PAGE_SIZE_BIT))
            return std::nullopt;
        table = entry & raw_bits::ADDRESS;
    }
    return std::nullopt;
}

} // namespace mm_test
