// Looking up one address in x86_64 4-level page tables (Intel SDM vol. 3, 4.5), as the CPU
// would for a user-mode access.
//
// Core builds the tables (core/mm/page_table_entry.hpp has the format); a HAL that must
// find a user page without the MMU's help walks them here: the sim, whose user programs
// run in stub processes that map each page on demand, and whose copy routines check each
// page before touching it. `read_table` turns a table's physical address into a pointer to
// its 512 entries (phys_to_virt). A leaf may be a 1 GiB, 2 MiB or 4 KiB page; the result
// is the physical address of the looked-up address itself and what every level allows
// together: writes and user access only when each level grants them, execution unless some
// level sets NX. Only the lower half is walked for user lookups; the caller rejects other
// addresses first.
#pragma once
#include <stdint.h>

namespace hal::x86 {

inline constexpr uint64_t PTE_PRESENT = 1ull << 0;
inline constexpr uint64_t PTE_WRITABLE = 1ull << 1;
inline constexpr uint64_t PTE_USER = 1ull << 2;
inline constexpr uint64_t PTE_LARGE = 1ull << 7;
inline constexpr uint64_t PTE_NO_EXECUTE = 1ull << 63;
inline constexpr uint64_t PTE_ADDRESS_MASK = 0x000f'ffff'ffff'f000;

struct PageLookup {
    bool present;    // false: nothing maps the address (the other fields are then unset)
    bool writable;
    bool user;
    bool executable;
    uint64_t physical; // of the address itself, offset included
};

template<typename ReadTable>
PageLookup walk_page_tables(uint64_t root, uint64_t address, ReadTable read_table)
{
    PageLookup lookup { true, true, true, true, 0 };
    uint64_t table = root;
    for (int level = 4; level >= 1; --level) {
        unsigned shift = 12 + 9 * unsigned(level - 1);
        const uint64_t* entries = read_table(table);
        uint64_t entry = entries[(address >> shift) & 511];
        if (!(entry & PTE_PRESENT))
            return PageLookup { false, false, false, false, 0 };
        lookup.writable = lookup.writable && (entry & PTE_WRITABLE);
        lookup.user = lookup.user && (entry & PTE_USER);
        lookup.executable = lookup.executable && !(entry & PTE_NO_EXECUTE);
        bool leaf = level == 1 || ((level == 2 || level == 3) && (entry & PTE_LARGE));
        if (leaf) {
            uint64_t page_mask = (1ull << shift) - 1;
            lookup.physical = ((entry & PTE_ADDRESS_MASK) & ~page_mask) | (address & page_mask);
            return lookup;
        }
        table = entry & PTE_ADDRESS_MASK;
    }
    return lookup; // not reached: level 1 is always a leaf
}

} // namespace hal::x86
