// Reaching the running process's memory from a system call.
//
// Every pointer a program hands the kernel is a plain number until it goes through these:
// the process's memory first makes the pages present for the access (resolving demand-zero
// and copy-on-write faults, refusing what no region allows), then the HAL's copy routines
// move the bytes (with SMAP opened and an exception table on x86_64; through core's tables
// in the sim). Any failure is EFAULT, as Linux answers; the kernel never touches user
// memory any other way.
#pragma once
#include <kstd/result.hpp>
#include <stddef.h>
#include <stdint.h>

namespace proc {

[[nodiscard]] kstd::Result<void> copy_from_user(void* destination, uintptr_t source, size_t length);
[[nodiscard]] kstd::Result<void> copy_to_user(uintptr_t destination, const void* source, size_t length);
// A NUL-terminated string into `destination` (NUL included, at most `capacity` bytes).
// Returns its length; `too_long` (ENAMETOOLONG for paths, E2BIG for exec's arguments)
// when there is no NUL within `capacity` bytes; EFAULT.
[[nodiscard]] kstd::Result<size_t> copy_string_from_user(char* destination, uintptr_t source, size_t capacity,
                                                         kstd::Errno too_long);

template<typename T>
[[nodiscard]] kstd::Result<T> read_user(uintptr_t source)
{
    T value;
    TRY(proc::copy_from_user(&value, source, sizeof(T)));
    return value;
}

template<typename T>
[[nodiscard]] kstd::Result<void> write_user(uintptr_t destination, const T& value)
{
    return proc::copy_to_user(destination, &value, sizeof(T));
}

} // namespace proc
