// The user copies (see user_copy.hpp): make the pages present, then let the HAL copy.
#include <hal/user.hpp>
#include <mm/user_memory.hpp>
#include <proc/process.hpp>
#include <proc/user_copy.hpp>

namespace proc {
namespace {

kstd::Result<void> make_present(uintptr_t address, size_t length, bool write)
{
    mm::UserMemory* memory = current().memory;
    if (!memory)
        return kstd::Errno::BadAddress;
    auto present = memory->make_present(address, length, write);
    if (present.is_error() && present.error().code() != kstd::Errno::OutOfMemory)
        return kstd::Errno::BadAddress;
    return present;
}

} // namespace

kstd::Result<void> copy_from_user(void* destination, uintptr_t source, size_t length)
{
    if (length == 0)
        return {};
    TRY(make_present(source, length, false));
    if (!hal::copy_from_user(destination, source, length))
        return kstd::Errno::BadAddress;
    return {};
}

kstd::Result<void> copy_to_user(uintptr_t destination, const void* source, size_t length)
{
    if (length == 0)
        return {};
    TRY(make_present(destination, length, true));
    if (!hal::copy_to_user(destination, source, length))
        return kstd::Errno::BadAddress;
    return {};
}

kstd::Result<size_t> copy_string_from_user(char* destination, uintptr_t source, size_t capacity,
                                           kstd::Errno too_long)
{
    // Page by page: the string may end on a page after which nothing is mapped.
    size_t copied = 0;
    while (copied < capacity) {
        uintptr_t at = source + copied;
        if (at < source)
            return kstd::Errno::BadAddress;
        size_t to_page_end = mm::PAGE_SIZE - (at & (mm::PAGE_SIZE - 1));
        size_t chunk = capacity - copied < to_page_end ? capacity - copied : to_page_end;
        TRY(make_present(at, chunk, false));
        long length = hal::copy_string_from_user(destination + copied, at, chunk);
        if (length < 0)
            return kstd::Errno::BadAddress;
        if (size_t(length) < chunk)
            return copied + size_t(length);
        copied += chunk;
    }
    return too_long;
}

} // namespace proc
