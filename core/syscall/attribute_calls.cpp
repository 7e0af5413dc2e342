// System calls that change a file's attributes: chmod, fchmod, fchmodat (the permission
// bits, 07777), utimensat (the access and modification times: what touch uses) and
// chown, fchown, lchown, fchownat (owner and group; -1 leaves one as it is).
//
// utimensat's times are two struct timespec, or NULL for "now" twice; a tv_nsec of
// UTIME_NOW is now, UTIME_OMIT leaves that time alone. A NULL path with a descriptor is
// futimens (the descriptor's file; no flags then, else EINVAL). Keel keeps times as
// nanoseconds since the epoch in a uint64_t, so a time before 1970 is EINVAL where Linux
// would store it.
#include <fs/context.hpp>
#include <hal/timer.hpp>
#include <proc/user_copy.hpp>
#include <syscall/handler.hpp>
#include <syscall/user_path.hpp>

namespace syscalls {
namespace {

constexpr int AT_FDCWD = fs::CURRENT_DIRECTORY;
constexpr int64_t UTIME_NOW = (1l << 30) - 1, UTIME_OMIT = (1l << 30) - 2;
constexpr int64_t NS_PER_SECOND = 1'000'000'000;

fs::Context& files(Call& call)
{
    return *call.process().files;
}

Result chmod_at(Call& call, int directory, uintptr_t path_address, uint64_t mode)
{
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(path_address));
    TRY(files(call).fchmodat(directory, name, fs::Mode(mode & fs::mode::PERMISSION_MASK)));
    return 0;
}

Result chmod_call(Call& call) { return chmod_at(call, AT_FDCWD, call.argument(0), call.argument(1)); }
Result fchmodat_call(Call& call) { return chmod_at(call, call.int_argument(0), call.argument(1), call.argument(2)); }

Result fchmod_call(Call& call)
{
    TRY(files(call).fchmodat(call.int_argument(0), "", fs::Mode(call.argument(1) & fs::mode::PERMISSION_MASK),
                             fs::at_flags::EMPTY_PATH));
    return 0;
}

struct LinuxTimespec {
    int64_t seconds;
    int64_t nanoseconds;
};

// One of utimensat's two times: false in `given` for UTIME_OMIT.
kstd::Result<uint64_t> time_of(const LinuxTimespec& time, uint64_t now, bool& given)
{
    given = time.nanoseconds != UTIME_OMIT;
    if (time.nanoseconds == UTIME_NOW || time.nanoseconds == UTIME_OMIT)
        return now;
    if (time.nanoseconds < 0 || time.nanoseconds >= NS_PER_SECOND || time.seconds < 0
        || uint64_t(time.seconds) > (UINT64_MAX - uint64_t(time.nanoseconds)) / uint64_t(NS_PER_SECOND))
        return kstd::Errno::InvalidArgument;
    return uint64_t(time.seconds) * uint64_t(NS_PER_SECOND) + uint64_t(time.nanoseconds);
}

Result utimensat_call(Call& call)
{
    int directory = call.int_argument(0);
    uint32_t flags = uint32_t(call.argument(3));
    uint64_t now = hal::clock_ns();
    uint64_t access = now, modify = now;
    bool access_given = true, modify_given = true;
    if (call.argument(2)) {
        LinuxTimespec times[2];
        TRY(proc::copy_from_user(times, call.argument(2), sizeof times));
        access = TRY(time_of(times[0], now, access_given));
        modify = TRY(time_of(times[1], now, modify_given));
    }
    const uint64_t* access_pointer = access_given ? &access : nullptr;
    const uint64_t* modify_pointer = modify_given ? &modify : nullptr;
    if (!call.argument(1)) {
        if (directory == AT_FDCWD)
            return kstd::Errno::BadAddress;
        if (flags)
            return kstd::Errno::InvalidArgument;
        TRY(files(call).utimensat(directory, "", access_pointer, modify_pointer, fs::at_flags::EMPTY_PATH));
        return 0;
    }
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(call.argument(1)));
    TRY(files(call).utimensat(directory, name, access_pointer, modify_pointer, flags));
    return 0;
}

Result chown_at(Call& call, int directory, uintptr_t path_address, uint64_t uid, uint64_t gid, uint32_t flags)
{
    uint32_t new_uid = uint32_t(uid), new_gid = uint32_t(gid);
    const uint32_t* uid_pointer = new_uid != UINT32_MAX ? &new_uid : nullptr;
    const uint32_t* gid_pointer = new_gid != UINT32_MAX ? &new_gid : nullptr;
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(path_address));
    TRY(files(call).fchownat(directory, name, uid_pointer, gid_pointer, flags));
    return 0;
}

Result chown_call(Call& call)
{
    return chown_at(call, AT_FDCWD, call.argument(0), call.argument(1), call.argument(2), 0);
}
Result lchown_call(Call& call)
{
    return chown_at(call, AT_FDCWD, call.argument(0), call.argument(1), call.argument(2),
                    fs::at_flags::SYMLINK_NOFOLLOW);
}
Result fchownat_call(Call& call)
{
    return chown_at(call, call.int_argument(0), call.argument(1), call.argument(2), call.argument(3),
                    uint32_t(call.argument(4)));
}

Result fchown_call(Call& call)
{
    uint32_t new_uid = uint32_t(call.argument(1)), new_gid = uint32_t(call.argument(2));
    TRY(files(call).fchownat(call.int_argument(0), "", new_uid != UINT32_MAX ? &new_uid : nullptr,
                             new_gid != UINT32_MAX ? &new_gid : nullptr, fs::at_flags::EMPTY_PATH));
    return 0;
}

} // namespace

void register_attribute_calls(Entry* table)
{
    ADD_CALL(table, chmod);
    ADD_CALL(table, fchmod);
    ADD_CALL(table, fchmodat);
    ADD_CALL(table, utimensat);
    ADD_CALL(table, chown);
    ADD_CALL(table, fchown);
    ADD_CALL(table, lchown);
    ADD_CALL(table, fchownat);
}

} // namespace syscalls
