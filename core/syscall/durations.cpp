// Durations and deadlines from programs' timespecs (see durations.hpp).
#include <hal/timer.hpp>
#include <proc/user_copy.hpp>
#include <syscall/durations.hpp>
#include <syscall/linux_stat.hpp>

namespace syscalls {

kstd::Result<uint64_t> duration_of(uintptr_t address)
{
    LinuxTime time = TRY(proc::read_user<LinuxTime>(address));
    if (time.seconds < 0 || time.nanoseconds < 0 || time.nanoseconds >= int64_t(NS_PER_SECOND))
        return kstd::Errno::InvalidArgument;
    if (uint64_t(time.seconds) > (UINT64_MAX - uint64_t(time.nanoseconds)) / NS_PER_SECOND)
        return UINT64_MAX;
    return uint64_t(time.seconds) * NS_PER_SECOND + uint64_t(time.nanoseconds);
}

uint64_t deadline_after(uint64_t duration)
{
    uint64_t now = hal::clock_ns();
    return duration > UINT64_MAX - now ? UINT64_MAX : now + duration;
}

} // namespace syscalls
