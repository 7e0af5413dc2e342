// Context: faccessat, the permission check a process asks for before it acts (access(2),
// faccessat2(2)).
//
// Keel has no users yet: every caller is root (uid 0), so the answer is Linux's for root.
// Reading is always allowed, and writing except on a read-only file system (EROFS, for a
// regular file, a directory or a link, as Linux says it: not for a device); executing (and,
// for a directory, searching) needs an x bit somewhere in the mode, except on a directory,
// which root may always search. An x bit is all Linux asks of root: a file need not be
// executable for its owner. When users come, the owner/group/other bits go here.
#include <fs/context.hpp>
#include <fs/superblock.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

namespace {
constexpr int ALL_ACCESS_MODES = access_modes::READ | access_modes::WRITE | access_modes::EXECUTE;
constexpr Mode ANY_EXECUTE_BIT = 0111;

Result<void> check_access_as_root(const Inode& inode, int mode)
{
    if ((mode & access_modes::EXECUTE) && !inode.is_directory() && !(inode.mode() & ANY_EXECUTE_BIT))
        return Errno::PermissionDenied;
    FileType type = inode.type();
    if ((mode & access_modes::WRITE)
        && (type == FileType::Regular || type == FileType::Directory || type == FileType::Symlink))
        TRY(refuse_if_read_only(inode));
    return {};
}
} // namespace

Result<void> Context::faccessat(int directory_fd, StringView path, int mode, uint32_t flags)
{
    if (mode & ~ALL_ACCESS_MODES)
        return Errno::InvalidArgument;
    if (flags & ~(at_flags::EFFECTIVE_ACCESS | at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    if (path.empty() && (flags & at_flags::EMPTY_PATH)) {
        Dentry* dentry = directory_fd == CURRENT_DIRECTORY ? m_current_directory : &TRY(file(directory_fd))->dentry();
        return check_access_as_root(dentry->inode(), mode);
    }
    FollowLast follow = (flags & at_flags::SYMLINK_NOFOLLOW) ? FollowLast::No : FollowLast::Yes;
    DentryReference found = TRY(resolve_existing(directory_fd, path, follow));
    return check_access_as_root(found->inode(), mode);
}

} // namespace fs
