// System calls about the system rather than a process: its memory and load (sysinfo),
// clocks and sleeping, and random bytes. (statfs: status_calls.cpp; its names and power:
// machine_calls.cpp.)
//
// Keel has no wall clock yet: CLOCK_REALTIME and gettimeofday count from boot, like
// CLOCK_MONOTONIC.
#include <hal/timer.hpp>
#include <mm/mm.hpp>
#include <proc/process.hpp>
#include <proc/user_copy.hpp>
#include <random/random.hpp>
#include <sched/interrupt.hpp>
#include <sched/load_average.hpp>
#include <sched/scheduler.hpp>
#include <syscall/handler.hpp>
#include <syscall/durations.hpp>
#include <syscall/linux_stat.hpp>

namespace syscalls {
namespace {

struct Sysinfo {
    int64_t uptime;
    uint64_t loads[3];
    uint64_t total_ram, free_ram, shared_ram, buffer_ram, total_swap, free_swap;
    uint16_t processes;
    uint16_t padding;
    uint64_t total_high, free_high;
    uint32_t memory_unit;
    char reserved[4];
};
static_assert(sizeof(Sysinfo) == 112);

Result sysinfo_call(Call& call)
{
    mm::FrameStatistics frames = mm::frame_statistics();
    Sysinfo info {};
    // Linux rounds the uptime up to a whole second; the loads are its fixed-point ones
    // shifted to 16 fraction bits (SI_LOAD_SHIFT); procs counts threads (its nr_threads).
    // The memory is /proc/meminfo's MemTotal and MemFree; Keel has no shared memory,
    // buffer cache or swap.
    uint64_t now = hal::clock_ns();
    info.uptime = int64_t((now + NS_PER_SECOND - 1) / NS_PER_SECOND);
    sched::LoadAverages load = sched::load_averages();
    for (size_t index = 0; index < 3; ++index)
        info.loads[index] = load.averages[index] << (16 - sched::LOAD_FSHIFT);
    info.total_ram = frames.total_frames * mm::PAGE_SIZE;
    info.free_ram = frames.free_frames * mm::PAGE_SIZE;
    size_t threads = sched::thread_count();
    info.processes = uint16_t(threads > UINT16_MAX ? UINT16_MAX : threads);
    info.memory_unit = 1;
    TRY(proc::write_user(call.argument(0), info));
    return 0;
}

// Clock ids (linux/time.h): realtime, monotonic, process and thread CPU time, and the
// variants that read the same clocks here.
constexpr int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3;
constexpr int CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;

kstd::Result<uint64_t> clock_now(int clock)
{
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_REALTIME_COARSE:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        return hal::clock_ns();
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
        return sched::current().cpu_ticks * (NS_PER_SECOND / 100);
    default:
        return kstd::Errno::InvalidArgument;
    }
}

Result clock_gettime_call(Call& call)
{
    uint64_t now = TRY(clock_now(call.int_argument(0)));
    TRY(proc::write_user(call.argument(1), linux_time(now)));
    return 0;
}

Result clock_getres_call(Call& call)
{
    int clock = call.int_argument(0);
    TRY(clock_now(clock));
    if (call.argument(1)) {
        bool by_tick = clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID
            || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
        TRY(proc::write_user(call.argument(1), LinuxTime { 0, by_tick ? int64_t(NS_PER_SECOND / 100) : 1 }));
    }
    return 0;
}

Result gettimeofday_call(Call& call)
{
    if (call.argument(0)) {
        uint64_t now = hal::clock_ns();
        LinuxTime value { int64_t(now / NS_PER_SECOND), int64_t(now % NS_PER_SECOND / 1000) };
        TRY(proc::write_user(call.argument(0), value));
    }
    if (call.argument(1))
        TRY(proc::write_user(call.argument(1), uint64_t(0))); // struct timezone: UTC
    return 0;
}

// Sleeps until `deadline` on the monotonic clock. A signal cuts it short as Linux's
// sleeps: a relative one writes what was left to `remaining` and, unless a handler runs
// (EINTR), goes on to the same deadline through restart_syscall; an absolute one is
// simply called again unless a handler runs.
Result sleep_until(Call& call, uint64_t deadline, uintptr_t remaining, bool relative)
{
    call.thread.sleep_restart.armed = false;
    if (sched::sleep_until_interruptible(deadline))
        return 0;
    if (!relative)
        return kstd::Errno::RestartUnlessHandled;
    if (remaining) {
        uint64_t now = hal::clock_ns();
        TRY(proc::write_user(remaining, linux_time(deadline > now ? deadline - now : 0)));
    }
    call.thread.sleep_restart = { .armed = true, .deadline_ns = deadline, .remaining = remaining };
    return kstd::Errno::RestartWithBlock;
}

Result restart_syscall_call(Call& call)
{
    proc::UserThread::SleepRestart restart = call.thread.sleep_restart;
    if (!restart.armed) {
        call.interruption_is_final = true;
        return kstd::Errno::Interrupted;
    }
    return sleep_until(call, restart.deadline_ns, restart.remaining, true);
}

Result nanosleep_call(Call& call)
{
    return sleep_until(call, deadline_after(TRY(duration_of(call.argument(0)))), call.argument(1), true);
}

constexpr uint64_t TIMER_ABSTIME = 1;

Result clock_nanosleep_call(Call& call)
{
    int clock = call.int_argument(0);
    if (clock == CLOCK_THREAD_CPUTIME_ID)
        return kstd::Errno::InvalidArgument;
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
        return kstd::Errno::NotSupported;
    uint64_t time = TRY(duration_of(call.argument(2)));
    bool absolute = call.argument(1) & TIMER_ABSTIME;
    // Linux's clock_nanosleep never writes `remaining` for an absolute sleep.
    return sleep_until(call, absolute ? time : deadline_after(time), absolute ? 0 : call.argument(3), !absolute);
}

// getrandom(buffer, length, flags): GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE; Keel's
// generator is always ready. Large requests are served in chunks, as Linux caps one call
// at 32 MiB.
constexpr uint64_t GRND_KNOWN = 1 | 2 | 4;
constexpr size_t GETRANDOM_MAX = 32 * 1024 * 1024;

Result getrandom_call(Call& call)
{
    if (call.argument(2) & ~GRND_KNOWN)
        return kstd::Errno::InvalidArgument;
    size_t length = call.argument(1) < GETRANDOM_MAX ? call.argument(1) : GETRANDOM_MAX;
    uint8_t chunk[256];
    for (size_t done = 0; done < length;) {
        size_t count = length - done < sizeof chunk ? length - done : sizeof chunk;
        krandom::fill({ chunk, count });
        TRY(proc::copy_to_user(call.argument(0) + done, chunk, count));
        done += count;
    }
    return int64_t(length);
}

} // namespace

void register_system_calls(Entry* table)
{
    ADD_CALL(table, sysinfo);
    ADD_CALL(table, clock_gettime);
    ADD_CALL(table, clock_getres);
    ADD_CALL(table, gettimeofday);
    ADD_CALL(table, nanosleep);
    ADD_CALL(table, clock_nanosleep);
    ADD_CALL(table, restart_syscall);
    ADD_CALL(table, getrandom);
}

} // namespace syscalls
