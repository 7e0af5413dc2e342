// Resource limits (getrlimit, prlimit64): what Keel enforces, in Linux's terms.
//
// Keel's limits are fixed: the stack a program may grow to (8 MiB, as Linux's default),
// its descriptors (fs::Context::OPEN_MAX), the processes that may exist
// (proc::PROCESS_LIMIT); everything else is unlimited, as on a default Linux, or zero
// where Linux's default is zero (core files, real-time priority).
#pragma once
#include <kstd/result.hpp>
#include <stdint.h>

namespace syscalls {

struct ResourceLimit {
    uint64_t current; // rlim_cur
    uint64_t maximum; // rlim_max
};

// EINVAL for a resource number Linux does not have.
kstd::Result<ResourceLimit> resource_limit(int resource);

} // namespace syscalls
