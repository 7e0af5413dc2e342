// The copy routines in the sim: the kernel reaches user memory by walking the tables of the
// active address space (the root core last gave hal::mmu_activate) page by page and copying
// through the direct map. Nothing here touches a stub's memory, and nothing resolves a
// fault: a page must be present and User (and Writable, to be written) in the tables, and
// below user_address_end(), or the copy stops there and fails (core made the pages present
// first, so a failure is the program's bad pointer: EFAULT). As Linux's access_ok(), a
// range that does not lie wholly below user_address_end() fails before any byte moves.
#include "kernel_window.hpp"
#include "user_pages.hpp"

#include <hal/memory.hpp>
#include <hal/user.hpp>

#include <algorithm>
#include <cstring>

namespace {

constexpr size_t PAGE_BYTES = 4096;

// Calls step(kernel pointer, bytes) for each piece of [address, address + length) in one
// page, in order, while it is reachable; false at the first piece that is not.
template<typename Step>
bool for_each_user_piece(uintptr_t address, size_t length, bool write, Step step)
{
    uint64_t root = sim::active_root();
    while (length > 0) {
        hal::x86::PageLookup page = sim::lookup_user_page(root, address);
        if (!page.present || (write && !page.writable))
            return false;
        size_t piece = std::min(length, PAGE_BYTES - address % PAGE_BYTES);
        if (!step(static_cast<uint8_t*>(hal::phys_to_virt(page.physical)), piece))
            return true; // the step is done early
        address += piece;
        length -= piece;
    }
    return true;
}

bool within_user_space(uintptr_t address, size_t length)
{
    return address <= hal::user_address_end() && length <= hal::user_address_end() - address;
}

} // namespace

namespace hal {

bool copy_from_user(void* destination, uintptr_t source, size_t length)
{
    if (!within_user_space(source, length))
        return false;
    auto* out = static_cast<uint8_t*>(destination);
    return for_each_user_piece(source, length, false, [&](const uint8_t* user, size_t bytes) {
        memcpy(out, user, bytes);
        out += bytes;
        return true;
    });
}

bool copy_to_user(uintptr_t destination, const void* source, size_t length)
{
    if (!within_user_space(destination, length))
        return false;
    auto* in = static_cast<const uint8_t*>(source);
    return for_each_user_piece(destination, length, true, [&](uint8_t* user, size_t bytes) {
        memcpy(user, in, bytes);
        in += bytes;
        return true;
    });
}

long copy_string_from_user(char* destination, uintptr_t source, size_t capacity)
{
    size_t copied = 0;
    bool terminated = false;
    bool reached = for_each_user_piece(source, capacity, false, [&](const uint8_t* user, size_t bytes) {
        const void* nul = memchr(user, '\0', bytes);
        size_t take = nul ? size_t(static_cast<const uint8_t*>(nul) - user) + 1 : bytes;
        memcpy(destination + copied, user, take);
        copied += take;
        terminated = nul != nullptr;
        return !terminated;
    });
    if (terminated)
        return long(copied - 1);
    return reached ? long(capacity) : -1;
}

} // namespace hal
