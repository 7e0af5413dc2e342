// Context: the descriptor table and the calls on descriptors (openat, read, write, lseek,
// fstat, ftruncate, readdir, close).
#include <fs/context.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

Context::Context(Vfs& vfs) : m_vfs(vfs), m_root(&vfs.root()), m_current_directory(&vfs.root())
{
    vfs.dentries().get(*m_root);
    vfs.dentries().get(*m_current_directory);
}

Context::~Context()
{
    for (int fd = 0; fd < OPEN_MAX; ++fd) {
        if (m_files[fd])
            (void)close(fd);
    }
    VfsLocker locked(m_vfs);
    m_vfs.dentries().put(m_current_directory);
    m_vfs.dentries().put(m_root);
}

Result<OpenFile*> Context::file(int fd) const
{
    if (fd < 0 || fd >= OPEN_MAX || !m_files[fd])
        return Errno::BadFileDescriptor;
    return m_files[fd];
}

int Context::open_count() const
{
    int count = 0;
    for (OpenFile* file : m_files)
        count += file != nullptr;
    return count;
}

Result<int> Context::install(Dentry* dentry, uint32_t flags)
{
    for (int fd = 0; fd < OPEN_MAX; ++fd) {
        if (m_files[fd])
            continue;
        OpenFile* file = mm::make<OpenFile>();
        if (!file) {
            m_vfs.dentries().put(dentry);
            return Errno::OutOfMemory;
        }
        file->dentry = dentry;
        file->flags = flags;
        m_files[fd] = file;
        return fd;
    }
    m_vfs.dentries().put(dentry);
    return Errno::TooManyOpenFiles;
}

Result<Dentry*> Context::directory_of(int directory_fd) const
{
    if (directory_fd == CURRENT_DIRECTORY)
        return m_current_directory;
    OpenFile* open_file = TRY(file(directory_fd));
    if (!open_file->inode().is_directory())
        return Errno::NotADirectory;
    return open_file->dentry;
}

Result<Dentry*> Context::open_or_create(int directory_fd, StringView path, uint32_t flags, Mode permissions)
{
    bool creating = flags & open_flags::CREATE;
    bool exclusive = creating && (flags & open_flags::EXCLUSIVE);
    bool no_follow = exclusive || (flags & open_flags::NO_FOLLOW);
    Resolution found = TRY(resolve(directory_fd, path, no_follow ? FollowLast::No : FollowLast::Yes, creating));
    if (found.target) {
        if (exclusive)
            return Errno::AlreadyExists;
        Inode& inode = found.target->inode();
        if (inode.is_symlink()) // O_NOFOLLOW on a link, as Linux says it
            return (flags & open_flags::DIRECTORY) ? Errno::NotADirectory : Errno::TooManySymlinks;
        // O_TRUNC empties a file that was there (and stamps its times, even if it was
        // empty); a file O_CREAT just made is left alone, as on Linux.
        bool writes = (flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY;
        if ((flags & open_flags::TRUNCATE) && writes && !(flags & open_flags::DIRECTORY)
            && inode.type() == FileType::Regular)
            TRY(inode.truncate(0));
        return found.target.release();
    }
    if (!creating)
        return Errno::NoSuchEntry;
    Inode* created = TRY(found.parent->inode().create(found.last.view(), permissions & ~m_umask & mode::PERMISSION_MASK));
    return m_vfs.dentries().add(*found.parent, found.last.view(), created);
}

Result<int> Context::openat(int directory_fd, StringView path, uint32_t flags, Mode permissions)
{
    flags &= open_flags::ALL;
    if ((flags & open_flags::CREATE) && (flags & open_flags::DIRECTORY))
        return Errno::InvalidArgument;
    if ((flags & open_flags::ACCESS_MODE) == open_flags::ACCESS_MODE)
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    DentryReference dentry(m_vfs.dentries(), TRY(open_or_create(directory_fd, path, flags, permissions)));
    Inode& inode = dentry->inode();
    if ((flags & open_flags::DIRECTORY) && !inode.is_directory())
        return Errno::NotADirectory;
    bool writes = (flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY;
    if (inode.is_directory() && (writes || (flags & open_flags::CREATE)))
        return Errno::IsADirectory;
    return install(dentry.release(), flags);
}

Result<void> Context::close(int fd)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    m_files[fd] = nullptr;
    m_vfs.dentries().put(open_file->dentry);
    mm::destroy(open_file);
    return {};
}

Result<size_t> Context::read(int fd, kstd::Span<uint8_t> buffer)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    if (!open_file->can_read())
        return Errno::BadFileDescriptor;
    Inode& inode = open_file->inode();
    if (!inode.runs_under_vfs_lock()) {
        // The descriptor table is this context's alone, so the file stays open meanwhile.
        locked.unlock();
        auto count = inode.read(open_file->offset, buffer);
        locked.relock();
        return count;
    }
    size_t count = TRY(inode.read(open_file->offset, buffer));
    open_file->offset += count;
    return count;
}

Result<size_t> Context::write(int fd, kstd::Span<const uint8_t> data)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    if (!open_file->can_write())
        return Errno::BadFileDescriptor;
    Inode& inode = open_file->inode();
    if (!inode.runs_under_vfs_lock()) {
        locked.unlock();
        auto count = inode.write(open_file->offset, data);
        locked.relock();
        return count;
    }
    if ((open_file->flags & open_flags::APPEND) && !data.empty()) // a write of nothing has "no other results" (POSIX)
        open_file->offset = inode.size();
    size_t count = TRY(inode.write(open_file->offset, data));
    open_file->offset += count;
    return count;
}

Result<uint64_t> Context::lseek(int fd, int64_t offset, Whence whence)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    int64_t base = 0;
    switch (whence) {
    case Whence::Set:
        break;
    case Whence::Current:
        base = static_cast<int64_t>(open_file->offset);
        break;
    case Whence::End:
        if (open_file->inode().is_directory())
            return Errno::InvalidArgument;
        base = static_cast<int64_t>(open_file->inode().size());
        break;
    default:
        return Errno::InvalidArgument;
    }
    int64_t position;
    if (__builtin_add_overflow(base, offset, &position) || position < 0)
        return Errno::InvalidArgument;
    open_file->offset = static_cast<uint64_t>(position);
    return open_file->offset;
}

Result<Stat> Context::fstat(int fd)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    return open_file->inode().stat();
}

Result<void> Context::ftruncate(int fd, uint64_t size)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    if (!open_file->can_write())
        return Errno::InvalidArgument;
    return open_file->inode().truncate(size);
}

Result<bool> Context::readdir(int fd, DirectoryEntry& entry)
{
    // Positions 0 and 1 are "." and ".."; the file system's own positions follow.
    constexpr uint64_t FIRST_OWN_POSITION = 2;
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    Dentry& directory = *open_file->dentry;
    if (!directory.inode().is_directory())
        return Errno::NotADirectory;
    if (open_file->offset == 0) {
        entry.set(directory.inode().number(), FileType::Directory, ".");
        open_file->offset = 1;
        return true;
    }
    if (open_file->offset == 1) {
        Dentry& parent = &directory == m_root ? directory : *m_vfs.parent_of(directory);
        entry.set(parent.inode().number(), FileType::Directory, "..");
        open_file->offset = FIRST_OWN_POSITION;
        return true;
    }
    uint64_t position = open_file->offset - FIRST_OWN_POSITION;
    bool more = TRY(directory.inode().read_directory(position, entry));
    open_file->offset = position + FIRST_OWN_POSITION;
    return more;
}

} // namespace fs
