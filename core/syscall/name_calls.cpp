// System calls on names: stat and friends, mkdir, unlink, rename, link, symlink,
// readlink, chdir, getcwd, umask, truncate, access. The path calls are the *at calls from
// the current directory (AT_FDCWD), as in Linux.
#include <fs/context.hpp>
#include <syscall/handler.hpp>
#include <syscall/linux_stat.hpp>
#include <syscall/user_path.hpp>

namespace syscalls {
namespace {

constexpr int AT_FDCWD = fs::CURRENT_DIRECTORY;
constexpr uint32_t RENAME_NOREPLACE = 1;

fs::Context& files(Call& call)
{
    return *call.process().files;
}

Result stat_at(Call& call, int directory, uintptr_t path_address, uintptr_t stat_address, uint32_t flags)
{
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(path_address));
    fs::Stat status = TRY(files(call).fstatat(directory, name, flags));
    TRY(write_linux_stat(stat_address, status));
    return 0;
}

Result stat_call(Call& call) { return stat_at(call, AT_FDCWD, call.argument(0), call.argument(1), 0); }
Result lstat_call(Call& call)
{
    return stat_at(call, AT_FDCWD, call.argument(0), call.argument(1), fs::at_flags::SYMLINK_NOFOLLOW);
}
Result newfstatat_call(Call& call)
{
    return stat_at(call, call.int_argument(0), call.argument(1), call.argument(2), uint32_t(call.argument(3)));
}

Result mkdir_at(Call& call, int directory, uintptr_t path_address, uint64_t mode)
{
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(path_address));
    TRY(files(call).mkdirat(directory, name, fs::Mode(mode & 07777)));
    return 0;
}
Result mkdir_call(Call& call) { return mkdir_at(call, AT_FDCWD, call.argument(0), call.argument(1)); }
Result mkdirat_call(Call& call) { return mkdir_at(call, call.int_argument(0), call.argument(1), call.argument(2)); }

Result unlink_at(Call& call, int directory, uintptr_t path_address, uint32_t flags)
{
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(path_address));
    TRY(files(call).unlinkat(directory, name, flags));
    return 0;
}
Result unlink_call(Call& call) { return unlink_at(call, AT_FDCWD, call.argument(0), 0); }
Result rmdir_call(Call& call)
{
    return unlink_at(call, AT_FDCWD, call.argument(0), fs::at_flags::REMOVE_DIRECTORY);
}
Result unlinkat_call(Call& call)
{
    return unlink_at(call, call.int_argument(0), call.argument(1), uint32_t(call.argument(2)));
}

Result rename_at(Call& call, int old_directory, uintptr_t old_address, int new_directory, uintptr_t new_address)
{
    UserPath old_path, new_path;
    kstd::StringView old_name = TRY(old_path.copy_in(old_address));
    kstd::StringView new_name = TRY(new_path.copy_in(new_address));
    TRY(files(call).renameat(old_directory, old_name, new_directory, new_name));
    return 0;
}
Result rename_call(Call& call) { return rename_at(call, AT_FDCWD, call.argument(0), AT_FDCWD, call.argument(1)); }
Result renameat_call(Call& call)
{
    return rename_at(call, call.int_argument(0), call.argument(1), call.int_argument(2), call.argument(3));
}
// renameat2: no flags, or RENAME_NOREPLACE (EEXIST when the new name exists); exchange
// and whiteout are not offered (EINVAL).
Result renameat2_call(Call& call)
{
    uint32_t flags = uint32_t(call.argument(4));
    if (flags & ~RENAME_NOREPLACE)
        return kstd::Errno::InvalidArgument;
    if (flags & RENAME_NOREPLACE) {
        UserPath new_path;
        kstd::StringView new_name = TRY(new_path.copy_in(call.argument(3)));
        if (!files(call).fstatat(call.int_argument(2), new_name, fs::at_flags::SYMLINK_NOFOLLOW).is_error())
            return kstd::Errno::AlreadyExists;
    }
    return renameat_call(call);
}

Result link_at(Call& call, int old_directory, uintptr_t old_address, int new_directory, uintptr_t new_address,
               uint32_t flags)
{
    UserPath old_path, new_path;
    kstd::StringView old_name = TRY(old_path.copy_in(old_address));
    kstd::StringView new_name = TRY(new_path.copy_in(new_address));
    TRY(files(call).linkat(old_directory, old_name, new_directory, new_name, flags));
    return 0;
}
Result link_call(Call& call) { return link_at(call, AT_FDCWD, call.argument(0), AT_FDCWD, call.argument(1), 0); }
Result linkat_call(Call& call)
{
    return link_at(call, call.int_argument(0), call.argument(1), call.int_argument(2), call.argument(3),
                   uint32_t(call.argument(4)));
}

Result symlink_at(Call& call, uintptr_t target_address, int directory, uintptr_t path_address)
{
    UserPath target, path;
    kstd::StringView target_name = TRY(target.copy_in(target_address));
    kstd::StringView name = TRY(path.copy_in(path_address));
    TRY(files(call).symlinkat(target_name, directory, name));
    return 0;
}
Result symlink_call(Call& call) { return symlink_at(call, call.argument(0), AT_FDCWD, call.argument(1)); }
Result symlinkat_call(Call& call) { return symlink_at(call, call.argument(0), call.int_argument(1), call.argument(2)); }

Result readlink_at(Call& call, int directory, uintptr_t path_address, uintptr_t buffer, uint64_t size)
{
    if (int64_t(size) <= 0)
        return kstd::Errno::InvalidArgument;
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(path_address));
    char* text = static_cast<char*>(mm::kmalloc(fs::PATH_LENGTH_MAX));
    if (!text)
        return kstd::Errno::OutOfMemory;
    size_t wanted = size < fs::PATH_LENGTH_MAX ? size : fs::PATH_LENGTH_MAX;
    auto length = files(call).readlinkat(directory, name, { text, wanted });
    kstd::Result<void> copied = !length.is_error() ? proc::copy_to_user(buffer, text, length.value()) : kstd::Result<void> {};
    mm::kfree(text);
    TRY(copied);
    return int64_t(TRY(length));
}
Result readlink_call(Call& call)
{
    return readlink_at(call, AT_FDCWD, call.argument(0), call.argument(1), call.argument(2));
}
Result readlinkat_call(Call& call)
{
    return readlink_at(call, call.int_argument(0), call.argument(1), call.argument(2), call.argument(3));
}

Result chdir_call(Call& call)
{
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(call.argument(0)));
    TRY(files(call).chdir(name));
    return 0;
}

Result fchdir_call(Call& call)
{
    TRY(files(call).fchdir(call.int_argument(0)));
    return 0;
}

// getcwd returns the length with the NUL, as Linux's system call does (libc returns
// the buffer).
Result getcwd_call(Call& call)
{
    uint64_t size = call.argument(1);
    char* path = static_cast<char*>(mm::kmalloc(fs::PATH_LENGTH_MAX));
    if (!path)
        return kstd::Errno::OutOfMemory;
    auto length = files(call).getcwd({ path, size < fs::PATH_LENGTH_MAX ? size : fs::PATH_LENGTH_MAX });
    kstd::Result<void> copied = !length.is_error() ? proc::copy_to_user(call.argument(0), path, length.value() + 1)
                                               : kstd::Result<void> {};
    mm::kfree(path);
    TRY(copied);
    return int64_t(TRY(length) + 1);
}

Result umask_call(Call& call)
{
    fs::Mode previous = files(call).umask();
    files(call).set_umask(fs::Mode(call.argument(0) & 0777));
    return int64_t(previous);
}

Result truncate_call(Call& call)
{
    if (int64_t(call.argument(1)) < 0)
        return kstd::Errno::InvalidArgument;
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(call.argument(0)));
    TRY(files(call).truncate(name, call.argument(1)));
    return 0;
}

} // namespace

void register_name_calls(Entry* table)
{
    ADD_CALL(table, stat);
    ADD_CALL(table, lstat);
    ADD_CALL(table, newfstatat);
    ADD_CALL(table, mkdir);
    ADD_CALL(table, mkdirat);
    ADD_CALL(table, unlink);
    ADD_CALL(table, rmdir);
    ADD_CALL(table, unlinkat);
    ADD_CALL(table, rename);
    ADD_CALL(table, renameat);
    ADD_CALL(table, renameat2);
    ADD_CALL(table, link);
    ADD_CALL(table, linkat);
    ADD_CALL(table, symlink);
    ADD_CALL(table, symlinkat);
    ADD_CALL(table, readlink);
    ADD_CALL(table, readlinkat);
    ADD_CALL(table, chdir);
    ADD_CALL(table, fchdir);
    ADD_CALL(table, getcwd);
    ADD_CALL(table, umask);
    ADD_CALL(table, truncate);
}

} // namespace syscalls
