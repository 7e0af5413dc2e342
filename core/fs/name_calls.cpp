// Context: the calls on names (fstatat, mkdirat, unlinkat, renameat, linkat, symlinkat,
// readlinkat, truncate, chdir, fchdir, getcwd, mount), with the POSIX checks that hold for
// every file system: which errno a "." or ".." or "/" gets, what may replace what in a
// rename, where a mount point is busy, and which operations cannot cross file systems
// (EXDEV). A relative path starts at the call's directory descriptor (resolve()).
#include <fs/context.hpp>
#include <fs/superblock.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

Result<Resolution> Context::resolve(int directory_fd, StringView path, FollowLast follow, bool creating)
{
    // Linux judges the path's text (empty, too long) before the descriptor, and ignores
    // the descriptor for an absolute path.
    Dentry* start = m_current_directory;
    bool relative = !path.empty() && path[0] != '/' && path.size() < PATH_LENGTH_MAX;
    if (relative)
        start = TRY(directory_of(directory_fd));
    return fs::resolve(WalkStart { m_vfs, *m_root, *start }, path, follow, creating);
}

Result<DentryReference> Context::resolve_existing(int directory_fd, StringView path, FollowLast follow)
{
    Resolution found = TRY(resolve(directory_fd, path, follow));
    if (!found.target)
        return Errno::NoSuchEntry;
    return static_cast<DentryReference&&>(found.target);
}

namespace {
// A mount's root or a directory with something mounted on it: not to be removed or moved.
bool is_mount_boundary(const Dentry& dentry)
{
    return dentry.covered() || dentry.mounted_here() || !dentry.parent();
}

// Whether `dentry` is `ancestor` or lies below it.
bool is_within(const Vfs& vfs, const Dentry& dentry, const Dentry& ancestor)
{
    const Dentry* at = &dentry;
    for (;;) {
        if (at == &ancestor)
            return true;
        const Dentry* up = vfs.parent_of(const_cast<Dentry&>(*at));
        if (up == at)
            return false;
        at = up;
    }
}
} // namespace

Result<Stat> Context::fstatat(int directory_fd, StringView path, uint32_t flags)
{
    if (flags & ~(at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    if (path.empty() && (flags & at_flags::EMPTY_PATH)) {
        if (directory_fd == CURRENT_DIRECTORY)
            return m_current_directory->inode().stat();
        return TRY(file(directory_fd))->inode().stat();
    }
    FollowLast follow = (flags & at_flags::SYMLINK_NOFOLLOW) ? FollowLast::No : FollowLast::Yes;
    return TRY(resolve_existing(directory_fd, path, follow))->inode().stat();
}

Result<void> Context::truncate(StringView path, uint64_t size)
{
    VfsLocker locked(m_vfs);
    DentryReference found = TRY(resolve_existing(CURRENT_DIRECTORY, path, FollowLast::Yes));
    TRY(refuse_if_read_only(found->inode()));
    return found->inode().truncate(size);
}

Result<void> Context::mkdirat(int directory_fd, StringView path, Mode permissions)
{
    VfsLocker locked(m_vfs);
    Resolution found = TRY(resolve(directory_fd, path, FollowLast::Never));
    TRY(found.check_name());
    if (found.target)
        return Errno::AlreadyExists;
    TRY(refuse_if_read_only(found.parent->inode()));
    Inode* made = TRY(found.parent->inode().make_directory(found.last.view(), permissions & ~m_umask & mode::PERMISSION_MASK));
    m_vfs.dentries().put(TRY(m_vfs.dentries().add(*found.parent, found.last.view(), made)));
    return {};
}

Result<void> Context::unlinkat(int directory_fd, StringView path, uint32_t flags)
{
    if (flags & ~at_flags::REMOVE_DIRECTORY)
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    if (flags & at_flags::REMOVE_DIRECTORY)
        return remove_directory(directory_fd, path);
    return unlink_file(directory_fd, path);
}

// unlinkat with REMOVE_DIRECTORY (rmdir).
Result<void> Context::remove_directory(int directory_fd, StringView path)
{
    Resolution found = TRY(resolve(directory_fd, path, FollowLast::Never));
    TRY(found.check_name());
    switch (found.last_kind) {
    case LastKind::Dot:
        return Errno::InvalidArgument;
    case LastKind::DotDot:
        return Errno::DirectoryNotEmpty;
    case LastKind::Root:
        return Errno::Busy;
    case LastKind::Name:
        break;
    }
    if (!found.target)
        return Errno::NoSuchEntry;
    if (!found.target->inode().is_directory())
        return Errno::NotADirectory;
    if (is_mount_boundary(*found.target) || found.target.get() == m_root)
        return Errno::Busy;
    TRY(refuse_if_read_only(found.parent->inode()));
    TRY(found.parent->inode().remove_directory(found.last.view()));
    m_vfs.dentries().unhash(*found.target);
    return {};
}

// unlinkat without flags (unlink).
Result<void> Context::unlink_file(int directory_fd, StringView path)
{
    Resolution found = TRY(resolve(directory_fd, path, FollowLast::Never));
    TRY(found.check_name());
    if (found.last_kind != LastKind::Name)
        return Errno::IsADirectory;
    if (!found.target)
        return Errno::NoSuchEntry;
    if (found.target->inode().is_directory())
        return Errno::IsADirectory;
    if (found.trailing_slash)
        return Errno::NotADirectory;
    TRY(refuse_if_read_only(found.parent->inode()));
    TRY(found.parent->inode().unlink(found.last.view()));
    m_vfs.dentries().unhash(*found.target);
    return {};
}

Result<void> Context::linkat(int old_directory_fd, StringView old_path, int new_directory_fd, StringView new_path,
                             uint32_t flags)
{
    if (flags & ~at_flags::SYMLINK_FOLLOW)
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    FollowLast follow = (flags & at_flags::SYMLINK_FOLLOW) ? FollowLast::Yes : FollowLast::No;
    DentryReference old_dentry = TRY(resolve_existing(old_directory_fd, old_path, follow));
    Resolution found = TRY(resolve(new_directory_fd, new_path, FollowLast::Never));
    TRY(found.check_name());
    if (found.target)
        return Errno::AlreadyExists;
    if (found.trailing_slash)
        return Errno::NoSuchEntry;
    if (old_dentry->inode().is_directory())
        return Errno::NotPermitted;
    if (&found.parent->inode().superblock() != &old_dentry->inode().superblock())
        return Errno::CrossDeviceLink;
    TRY(refuse_if_read_only(found.parent->inode()));
    return found.parent->inode().link(found.last.view(), old_dentry->inode());
}

Result<void> Context::symlinkat(StringView target, int directory_fd, StringView link_path)
{
    if (target.empty())
        return Errno::NoSuchEntry;
    if (target.size() >= PATH_LENGTH_MAX)
        return Errno::NameTooLong;
    VfsLocker locked(m_vfs);
    Resolution found = TRY(resolve(directory_fd, link_path, FollowLast::Never));
    TRY(found.check_name());
    if (found.target)
        return Errno::AlreadyExists;
    if (found.trailing_slash)
        return Errno::NoSuchEntry;
    TRY(refuse_if_read_only(found.parent->inode()));
    Inode* made = TRY(found.parent->inode().make_symlink(found.last.view(), target));
    made->put();
    return {};
}

Result<size_t> Context::readlinkat(int directory_fd, StringView path, kstd::Span<char> buffer)
{
    if (buffer.empty())
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    return TRY(resolve_existing(directory_fd, path, FollowLast::No))->inode().read_link(buffer);
}

Result<void> Context::renameat(int old_directory_fd, StringView old_path, int new_directory_fd, StringView new_path)
{
    VfsLocker locked(m_vfs);
    Resolution from = TRY(resolve(old_directory_fd, old_path, FollowLast::Never));
    Resolution to = TRY(resolve(new_directory_fd, new_path, FollowLast::Never));
    if (from.last_kind != LastKind::Name || to.last_kind != LastKind::Name)
        return Errno::Busy;
    TRY(from.check_name());
    if (!from.target)
        return Errno::NoSuchEntry;
    TRY(to.check_name());
    if (is_mount_boundary(*from.target) || (to.target && is_mount_boundary(*to.target)))
        return Errno::Busy;
    Inode& moving = from.target->inode();
    if (&to.parent->inode().superblock() != &moving.superblock())
        return Errno::CrossDeviceLink;
    TRY(refuse_if_read_only(moving));
    if (!moving.is_directory() && (from.trailing_slash || to.trailing_slash))
        return Errno::NotADirectory;
    if (to.target && &to.target->inode() == &moving)
        return {}; // two names of one file: POSIX says do nothing
    if (to.target && is_within(m_vfs, *from.target, *to.target))
        return Errno::DirectoryNotEmpty; // the target holds the source, as Linux says it
    if (moving.is_directory()) {
        if (is_within(m_vfs, *to.parent, *from.target))
            return Errno::InvalidArgument;
        if (to.target && !to.target->inode().is_directory())
            return Errno::NotADirectory;
        if (to.target && !TRY(to.target->inode().is_empty_directory()))
            return Errno::DirectoryNotEmpty;
    } else {
        if (to.target && to.target->inode().is_directory())
            return Errno::IsADirectory;
    }
    TRY(from.parent->inode().rename(from.last.view(), to.parent->inode(), to.last.view()));
    if (to.target)
        m_vfs.dentries().unhash(*to.target);
    m_vfs.dentries().move(*from.target, *to.parent, to.last.view());
    return {};
}

Result<void> Context::chdir(StringView path)
{
    VfsLocker locked(m_vfs);
    DentryReference found = TRY(resolve_existing(CURRENT_DIRECTORY, path, FollowLast::Yes));
    if (!found->inode().is_directory())
        return Errno::NotADirectory;
    m_vfs.dentries().put(m_current_directory);
    m_current_directory = found.release();
    return {};
}

Result<void> Context::fchdir(int fd)
{
    VfsLocker locked(m_vfs);
    Dentry* directory = &TRY(file(fd))->dentry();
    if (!directory->inode().is_directory())
        return Errno::NotADirectory;
    m_vfs.dentries().get(*directory);
    m_vfs.dentries().put(m_current_directory);
    m_current_directory = directory;
    return {};
}

Result<size_t> Context::getcwd(kstd::Span<char> buffer)
{
    VfsLocker locked(m_vfs);
    if (buffer.empty())
        return Errno::OutOfRange;
    if (!m_current_directory->is_hashed() && m_current_directory->parent())
        return Errno::NoSuchEntry; // it was removed
    kstd::BufferWriter out(buffer.data(), buffer.size());
    TRY(write_path(*m_root, *m_current_directory, out));
    if (out.truncated())
        return Errno::OutOfRange;
    return out.view().size();
}

Result<void> Context::mount(StringView type, StringView source, StringView target, StringView options,
                            MountMode mode)
{
    const FileSystemType* file_system = find_file_system_type(type);
    if (!file_system)
        return Errno::NoSuchDevice;
    VfsLocker locked(m_vfs);
    DentryReference directory = TRY(resolve_existing(CURRENT_DIRECTORY, target, FollowLast::Yes));
    if (!directory->inode().is_directory())
        return Errno::NotADirectory;
    Superblock* superblock = TRY(file_system->mount(source, options));
    superblock->set_read_only(mode == MountMode::ReadOnly);
    return m_vfs.mount(*directory, superblock, source);
}

Result<void> Context::remount(StringView target, MountMode mode)
{
    VfsLocker locked(m_vfs);
    DentryReference found = TRY(resolve_existing(CURRENT_DIRECTORY, target, FollowLast::Yes));
    if (!m_vfs.is_mount_root(*found))
        return Errno::InvalidArgument;
    Superblock& superblock = found->inode().superblock();
    if (mode == MountMode::ReadOnly && superblock.writers() > 0)
        return Errno::Busy;
    superblock.set_read_only(mode == MountMode::ReadOnly);
    return {};
}

Result<void> Context::unmount(StringView target, FollowLast follow)
{
    VfsLocker locked(m_vfs);
    DentryReference found = TRY(resolve_existing(CURRENT_DIRECTORY, target, follow));
    const Dentry* root = found.get();
    found.reset(); // a mount's root lives on: the mount holds it
    return m_vfs.unmount(root);
}

Result<void> write_path(const Dentry& root, const Dentry& dentry, kstd::Writer& out)
{
    // Walks up twice: once to measure, once to fill a buffer from its end.
    auto for_each_name_upwards = [&](auto&& visit) {
        const Dentry* at = &dentry;
        while (at != &root) {
            const Dentry* named = at;
            while (!named->parent() && named->covered())
                named = named->covered();
            if (!named->parent() || named == &root)
                break;
            visit(named->name());
            at = named->parent();
        }
    };
    size_t length = 0;
    for_each_name_upwards([&](StringView name) { length += 1 + name.size(); });
    if (length == 0) {
        out.write("/");
        return {};
    }
    if (length >= PATH_LENGTH_MAX)
        return Errno::NameTooLong;
    char* buffer = static_cast<char*>(mm::kmalloc(length));
    if (!buffer)
        return Errno::OutOfMemory;
    size_t end = length;
    for_each_name_upwards([&](StringView name) {
        end -= name.size();
        __builtin_memcpy(buffer + end, name.data(), name.size());
        buffer[--end] = '/';
    });
    out.write(StringView(buffer, length));
    mm::kfree(buffer);
    return {};
}

} // namespace fs
