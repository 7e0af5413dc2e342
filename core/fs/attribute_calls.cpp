// Context: the calls that change a file's attributes rather than its contents or names,
// fchmodat (chmod, fchmod), utimensat (touch) and fchownat (chown, lchown, fchown). Every
// process is root on Keel, so there is no permission check (EPERM never happens), and a
// new file belongs to root.
#include <fs/context.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

Result<void> Context::fchmodat(int directory_fd, StringView path, Mode permissions, uint32_t flags)
{
    if (flags & ~at_flags::EMPTY_PATH)
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    if (path.empty() && (flags & at_flags::EMPTY_PATH)) {
        Inode& inode = directory_fd == CURRENT_DIRECTORY ? m_current_directory->inode() : TRY(file(directory_fd))->inode();
        inode.set_permissions(permissions);
        return {};
    }
    // chmod follows a symbolic link: a link's own mode never changes (Linux).
    TRY(resolve_existing(directory_fd, path, FollowLast::Yes))->inode().set_permissions(permissions);
    return {};
}

Result<void> Context::utimensat(int directory_fd, StringView path, const uint64_t* access_ns,
                                const uint64_t* modify_ns, uint32_t flags)
{
    if (flags & ~(at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    if (path.empty() && (flags & at_flags::EMPTY_PATH)) {
        Inode& inode = directory_fd == CURRENT_DIRECTORY ? m_current_directory->inode() : TRY(file(directory_fd))->inode();
        inode.set_times(access_ns, modify_ns);
        return {};
    }
    FollowLast follow = (flags & at_flags::SYMLINK_NOFOLLOW) ? FollowLast::No : FollowLast::Yes;
    TRY(resolve_existing(directory_fd, path, follow))->inode().set_times(access_ns, modify_ns);
    return {};
}

Result<void> Context::fchownat(int directory_fd, StringView path, const uint32_t* uid, const uint32_t* gid,
                               uint32_t flags)
{
    if (flags & ~(at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    if (path.empty() && (flags & at_flags::EMPTY_PATH)) {
        Inode& inode = directory_fd == CURRENT_DIRECTORY ? m_current_directory->inode() : TRY(file(directory_fd))->inode();
        inode.set_owner(uid, gid);
        return {};
    }
    FollowLast follow = (flags & at_flags::SYMLINK_NOFOLLOW) ? FollowLast::No : FollowLast::Yes;
    TRY(resolve_existing(directory_fd, path, follow))->inode().set_owner(uid, gid);
    return {};
}

} // namespace fs
