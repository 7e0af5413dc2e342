// System calls programs make in passing (busybox's applets, glibc's start), whose answer
// on Keel is short:
//   - sync, syncfs, fsync, fdatasync: every file lives in RAM, there is nothing to write
//     back; they succeed (the fd ones check the descriptor, EBADF as Linux).
//   - getgroups: a process has no supplementary groups: 0 of them.
//   - sched_getaffinity: Keel runs its threads on one CPU: a mask with CPU 0 (nproc says
//     1). The mask is as long as the caller's buffer rounded down to 8 bytes, and the call
//     returns its size, as Linux's (EINVAL when the buffer cannot hold one 64-bit word).
//   - prctl PR_SET_NAME / PR_GET_NAME: the process's name (comm, 15 characters and a NUL);
//     every other option is EINVAL, as Linux says for an option it does not know.
//   - time: the seconds of CLOCK_REALTIME (from boot, see system_calls.cpp).
#include <fs/context.hpp>
#include <hal/timer.hpp>
#include <proc/process.hpp>
#include <proc/user_copy.hpp>
#include <syscall/handler.hpp>

namespace syscalls {
namespace {

constexpr int PR_SET_NAME = 15, PR_GET_NAME = 16;
constexpr size_t COMM_SIZE = 16; // Linux's TASK_COMM_LEN, the NUL included
constexpr uint64_t NS_PER_SECOND = 1'000'000'000;

Result sync_call(Call&) { return 0; }

Result syncfs_call(Call& call)
{
    TRY(call.process().files->fstat(call.int_argument(0)));
    return 0;
}

Result fsync_call(Call& call) { return syncfs_call(call); }
Result fdatasync_call(Call& call) { return syncfs_call(call); }

Result getgroups_call(Call& call)
{
    if (call.int_argument(0) < 0)
        return kstd::Errno::InvalidArgument;
    return 0;
}

Result sched_getaffinity_call(Call& call)
{
    uint64_t length = call.argument(1) & ~uint64_t { 7 };
    if (length == 0)
        return kstd::Errno::InvalidArgument;
    // Only the caller itself (0) or a process that exists.
    int pid = call.int_argument(0);
    if (pid != 0 && uint32_t(pid) != call.process().pid) {
        auto found = proc::find_process_from(uint32_t(pid));
        if (pid < 0 || !found || found.value().pid != uint32_t(pid))
            return kstd::Errno::NoSuchProcess;
    }
    TRY(proc::write_user(call.argument(2), uint64_t { 1 }));
    for (uint64_t offset = 8; offset < length; offset += 8)
        TRY(proc::write_user(call.argument(2) + offset, uint64_t { 0 }));
    return int64_t(length);
}

Result prctl_call(Call& call)
{
    proc::Process& process = call.process();
    switch (call.int_argument(0)) {
    case PR_SET_NAME: {
        // As Linux's strncpy_from_user: up to 15 bytes, a longer name is cut.
        char name[COMM_SIZE - 1];
        size_t length = 0;
        for (; length < sizeof name; ++length) {
            name[length] = TRY(proc::read_user<char>(call.argument(1) + length));
            if (name[length] == '\0')
                break;
        }
        process.name.clear();
        process.name.write(kstd::StringView(name, length));
        return 0;
    }
    case PR_GET_NAME: {
        char name[COMM_SIZE] = {};
        kstd::StringView current = process.name.view();
        __builtin_memcpy(name, current.data(), current.size() < COMM_SIZE - 1 ? current.size() : COMM_SIZE - 1);
        TRY(proc::copy_to_user(call.argument(1), name, COMM_SIZE));
        return 0;
    }
    default:
        return kstd::Errno::InvalidArgument;
    }
}

Result time_call(Call& call)
{
    int64_t seconds = int64_t(hal::clock_ns() / NS_PER_SECOND);
    if (call.argument(0))
        TRY(proc::write_user(call.argument(0), seconds));
    return seconds;
}

} // namespace

void register_passing_calls(Entry* table)
{
    ADD_CALL(table, sync);
    ADD_CALL(table, syncfs);
    ADD_CALL(table, fsync);
    ADD_CALL(table, fdatasync);
    ADD_CALL(table, getgroups);
    ADD_CALL(table, sched_getaffinity);
    ADD_CALL(table, prctl);
    ADD_CALL(table, time);
}

} // namespace syscalls
