// Context: the calls that change a file's attributes rather than its contents or names,
// fchmodat (chmod, fchmod), utimensat (touch) and fchownat (chown, lchown, fchown). Every
// process is root on Keel, so there is no permission check (EPERM never happens), and a
// new file belongs to root; on a read-only file system each is EROFS.
#include <fs/context.hpp>
#include <fs/superblock.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

Result<Inode*> Context::inode_to_change(int directory_fd, StringView path, uint32_t flags, DentryReference& held)
{
    Inode* inode;
    if (path.empty() && (flags & at_flags::EMPTY_PATH)) {
        inode = directory_fd == CURRENT_DIRECTORY ? &m_current_directory->inode() : &TRY(file(directory_fd))->inode();
    } else {
        FollowLast follow = (flags & at_flags::SYMLINK_NOFOLLOW) ? FollowLast::No : FollowLast::Yes;
        held = TRY(resolve_existing(directory_fd, path, follow));
        inode = &held->inode();
    }
    TRY(refuse_if_read_only(*inode));
    return inode;
}

// chmod follows a symbolic link: a link's own mode never changes (Linux), so
// AT_SYMLINK_NOFOLLOW is not one of its flags.
Result<void> Context::fchmodat(int directory_fd, StringView path, Mode permissions, uint32_t flags)
{
    if (flags & ~at_flags::EMPTY_PATH)
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    DentryReference held;
    TRY(inode_to_change(directory_fd, path, flags, held))->set_permissions(permissions);
    return {};
}

Result<void> Context::utimensat(int directory_fd, StringView path, const uint64_t* access_ns,
                                const uint64_t* modify_ns, uint32_t flags)
{
    if (flags & ~(at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    DentryReference held;
    TRY(inode_to_change(directory_fd, path, flags, held))->set_times(access_ns, modify_ns);
    return {};
}

Result<void> Context::fchownat(int directory_fd, StringView path, const uint32_t* uid, const uint32_t* gid,
                               uint32_t flags)
{
    if (flags & ~(at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    DentryReference held;
    TRY(inode_to_change(directory_fd, path, flags, held))->set_owner(uid, gid);
    return {};
}

} // namespace fs
