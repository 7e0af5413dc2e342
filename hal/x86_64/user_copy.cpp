// hal/user.hpp's copy routines on x86_64, and the exception table that lets them fail.
//
// Each routine first checks that the whole user range lies below user_address_end()
// (without overflowing: `length > end - address`), so the kernel never follows a user
// pointer into the kernel half or to a non-canonical address; then user_copy.S copies,
// and a fault on the way (an unmapped page, a read-only one for a write) ends the copy
// through the exception table: fix_up_user_access, called by idt.cpp for kernel-mode page
// faults and general protection faults, moves RIP to the instruction's fixup. Core is not
// asked to resolve such a fault: it makes the pages present before copying (demand zero,
// copy on write) and turns a false return into EFAULT. A kernel-mode fault at a user
// address elsewhere is a kernel bug and is reported as one (traps.cpp).
#include "user_mode.hpp"

extern "C" {
bool keel_copy_user_bytes(void* destination, const void* source, size_t length);
long keel_copy_user_string(char* destination, const char* source, size_t limit);

struct ExceptionTableEntry {
    uint64_t instruction;
    uint64_t fixup;
};
extern const ExceptionTableEntry __ex_table_start[];
extern const ExceptionTableEntry __ex_table_end[];
}

namespace hal {
namespace {

constexpr uint64_t VECTOR_GENERAL_PROTECTION = 13;
constexpr uint64_t VECTOR_PAGE_FAULT = 14;

bool is_user_range(uintptr_t address, size_t length)
{
    uintptr_t end = user_address_end();
    return address < end && length <= end - address;
}

} // namespace

bool copy_from_user(void* destination, uintptr_t source, size_t length)
{
    if (length == 0)
        return true;
    if (!is_user_range(source, length))
        return false;
    return keel_copy_user_bytes(destination, reinterpret_cast<const void*>(source), length);
}

bool copy_to_user(uintptr_t destination, const void* source, size_t length)
{
    if (length == 0)
        return true;
    if (!is_user_range(destination, length))
        return false;
    return keel_copy_user_bytes(reinterpret_cast<void*>(destination), source, length);
}

long copy_string_from_user(char* destination, uintptr_t source, size_t capacity)
{
    if (capacity == 0)
        return 0;
    uintptr_t end = user_address_end();
    if (source >= end)
        return -1;
    size_t limit = capacity < end - source ? capacity : end - source;
    long length = keel_copy_user_string(destination, reinterpret_cast<const char*>(source), limit);
    if (length < 0)
        return -1;
    if (static_cast<size_t>(length) == limit && limit < capacity)
        return -1; // the string runs into the end of user space
    return length;
}

namespace x86 {

bool fix_up_user_access(InterruptFrame& frame)
{
    if (frame.vector != VECTOR_PAGE_FAULT && frame.vector != VECTOR_GENERAL_PROTECTION)
        return false;
    for (const ExceptionTableEntry* entry = __ex_table_start; entry != __ex_table_end; ++entry) {
        if (entry->instruction == frame.rip) {
            frame.rip = entry->fixup;
            return true;
        }
    }
    return false;
}

} // namespace x86
} // namespace hal
