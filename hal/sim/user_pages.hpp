// Looking up a user page in core's tables, for run_user's demand mapping (user_mode.cpp)
// and the copy routines (user_copy.cpp). The tables are real x86_64 tables in RAM, reached
// through the direct map; anything at or above user_address_end() is no user page.
#pragma once
#include "user_stub.hpp"
#include "x86_64_abi/page_walk.hpp"

#include <hal/memory.hpp>

namespace sim {

inline hal::x86::PageLookup lookup_user_page(uint64_t root, uintptr_t address)
{
    if (root == 0 || address >= USER_STUB_BASE)
        return {};
    hal::x86::PageLookup lookup = hal::x86::walk_page_tables(
        root, address, [](uint64_t table) { return static_cast<const uint64_t*>(hal::phys_to_virt(table)); });
    if (!lookup.user)
        return {};
    return lookup;
}

} // namespace sim
