// Durations and deadlines that programs pass as struct timespec (nanosleep,
// clock_nanosleep, rt_sigtimedwait).
#pragma once
#include <kstd/result.hpp>
#include <stdint.h>

namespace syscalls {

inline constexpr uint64_t NS_PER_SECOND = 1'000'000'000;

// The timespec at `address` in nanoseconds: EFAULT, EINVAL for a negative or
// out-of-range one; a duration too long for 64 bits is UINT64_MAX (forever).
kstd::Result<uint64_t> duration_of(uintptr_t address);
// The monotonic deadline `duration` from now, UINT64_MAX when it would overflow.
uint64_t deadline_after(uint64_t duration);

} // namespace syscalls
