// mount(2) and umount2(2), for busybox's mount and umount (root only, else EPERM).
//
// mount takes a file system type Keel knows (ramfs, proc, devfs; ENODEV otherwise), a
// source (a name for /proc/mounts: the file systems here need no device), a directory,
// and data: the type's options as `mount -o` gives them (ramfs's size=). Of the flags,
// those that change nothing here are accepted: no setuid files, device nodes are devfs's
// alone, and times are kept as they are (MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_SYNCHRONOUS,
// MS_NOATIME, MS_NODIRATIME, MS_SILENT, MS_RELATIME, MS_STRICTATIME, MS_LAZYTIME), with
// the old magic number in the top half. MS_RDONLY mounts read-only: every change under it
// is EROFS. MS_REMOUNT changes only that of the file system mounted at the directory
// (EINVAL if none is; EBUSY for read-only while a file of it is open for writing; the
// source, type and data are not looked at, as Linux ignores them for a remount). Bind and
// move mounts and propagation are not there yet: EINVAL.
//
// umount2 unmounts the file system mounted at the path (EINVAL if none is; EBUSY while
// it is in use, see fs::Vfs::unmount); of its flags only UMOUNT_NOFOLLOW: a forced, lazy
// (MNT_DETACH) or expiring unmount is EINVAL.
#include <fs/context.hpp>
#include <proc/process.hpp>
#include <syscall/handler.hpp>
#include <syscall/user_path.hpp>

namespace syscalls {
namespace {

namespace mount_flag {
constexpr uint64_t MAGIC_MASK = 0xffff0000;
constexpr uint64_t MAGIC = 0xc0ed0000;
constexpr uint64_t WITHOUT_EFFECT = 2 | 4 | 8 | 16 | 1024 | 2048 | 32768 | (1 << 21) | (1 << 24) | (1 << 25);
constexpr uint64_t READ_ONLY = 1;
constexpr uint64_t REMOUNT = 32;
} // namespace mount_flag

constexpr uint64_t UMOUNT_NOFOLLOW = 8;

Result mount_call(Call& call)
{
    if (!call.process().credentials.is_privileged())
        return kstd::Errno::NotPermitted;
    uint64_t flags = call.argument(3);
    if ((flags & mount_flag::MAGIC_MASK) == mount_flag::MAGIC)
        flags &= ~mount_flag::MAGIC_MASK;
    if (flags & ~(mount_flag::WITHOUT_EFFECT | mount_flag::READ_ONLY | mount_flag::REMOUNT))
        return kstd::Errno::InvalidArgument;
    fs::MountMode mode = flags & mount_flag::READ_ONLY ? fs::MountMode::ReadOnly : fs::MountMode::ReadWrite;
    UserPath source, target, type, data;
    if (flags & mount_flag::REMOUNT) {
        kstd::StringView directory = TRY(target.copy_in(call.argument(1)));
        TRY(call.process().files->remount(directory, mode));
        return 0;
    }
    kstd::StringView source_text = call.argument(0) ? TRY(source.copy_in(call.argument(0))) : "none";
    kstd::StringView target_text = TRY(target.copy_in(call.argument(1)));
    kstd::StringView type_text = TRY(type.copy_in(call.argument(2)));
    kstd::StringView data_text = call.argument(4) ? TRY(data.copy_in(call.argument(4))) : kstd::StringView();
    TRY(call.process().files->mount(type_text, source_text, target_text, data_text, mode));
    return 0;
}

Result umount2_call(Call& call)
{
    if (!call.process().credentials.is_privileged())
        return kstd::Errno::NotPermitted;
    uint64_t flags = call.argument(1);
    if (flags & ~UMOUNT_NOFOLLOW)
        return kstd::Errno::InvalidArgument;
    UserPath target;
    kstd::StringView target_text = TRY(target.copy_in(call.argument(0)));
    fs::FollowLast follow = flags & UMOUNT_NOFOLLOW ? fs::FollowLast::No : fs::FollowLast::Yes;
    TRY(call.process().files->unmount(target_text, follow));
    return 0;
}

} // namespace

void register_mount_calls(Entry* table)
{
    ADD_CALL(table, mount);
    ADD_CALL(table, umount2);
}

} // namespace syscalls
