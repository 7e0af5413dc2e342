// The fixed resource limits (see limits.hpp).
#include <fs/context.hpp>
#include <proc/image_loader.hpp>
#include <proc/process.hpp>
#include <syscall/limits.hpp>

namespace syscalls {
namespace {

constexpr uint64_t UNLIMITED = ~0ull; // RLIM_INFINITY

// Linux's resource numbers (asm-generic/resource.h).
enum Resource : int {
    CPU, FILE_SIZE, DATA, STACK, CORE, RESIDENT_SET, PROCESSES, OPEN_FILES, LOCKED_MEMORY,
    ADDRESS_SPACE, LOCKS, PENDING_SIGNALS, MESSAGE_QUEUE_BYTES, NICE, REALTIME_PRIORITY,
    REALTIME_TIME, RESOURCE_COUNT,
};

} // namespace

kstd::Result<ResourceLimit> resource_limit(int resource)
{
    switch (resource) {
    case STACK:
        return ResourceLimit { proc::STACK_LIMIT, UNLIMITED };
    case CORE:
    case NICE:
    case REALTIME_PRIORITY:
        return ResourceLimit { 0, resource == CORE ? UNLIMITED : 0 };
    case PROCESSES:
        return ResourceLimit { proc::PROCESS_LIMIT, proc::PROCESS_LIMIT };
    case OPEN_FILES:
        return ResourceLimit { fs::Context::OPEN_MAX, fs::Context::OPEN_MAX };
    default:
        if (resource < 0 || resource >= RESOURCE_COUNT)
            return kstd::Errno::InvalidArgument;
        return ResourceLimit { UNLIMITED, UNLIMITED };
    }
}

} // namespace syscalls
