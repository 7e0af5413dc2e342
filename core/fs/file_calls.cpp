// Context: opening files, and the calls on an open file's data (read, write, lseek,
// fstat, ftruncate). read and write share read_at and write_at with pread and pwrite
// (vector_calls.cpp).
#include <fs/context.hpp>
#include <fs/superblock.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

namespace {
// Runs `call` outside the VFS lock, for files that may block (streams, the console). A
// reference keeps the description open meanwhile, even if another thread closes the
// descriptor.
template<typename Call>
auto outside_vfs_lock(VfsLocker& locked, OpenFile& file, Call call)
{
    file.get();
    locked.unlock();
    auto result = call();
    locked.relock();
    file.put();
    return result;
}
} // namespace

Result<Dentry*> Context::directory_of(int directory_fd) const
{
    if (directory_fd == CURRENT_DIRECTORY)
        return m_current_directory;
    OpenFile* open_file = TRY(file(directory_fd));
    if (!open_file->inode().is_directory())
        return Errno::NotADirectory;
    return &open_file->dentry();
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
        if (writes && inode.type() == FileType::Regular)
            TRY(refuse_if_read_only(inode));
        if ((flags & open_flags::TRUNCATE) && writes && !(flags & open_flags::DIRECTORY)
            && inode.type() == FileType::Regular)
            TRY(inode.truncate(0));
        return found.target.release();
    }
    if (!creating)
        return Errno::NoSuchEntry;
    TRY(refuse_if_read_only(found.parent->inode()));
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
    TRY(inode.check_open());
    uint32_t kept = (flags & (open_flags::ACCESS_MODE | open_flags::STATUS)) | open_flags::LARGE_FILE;
    OpenFile* open_file = TRY(OpenFile::create(m_vfs.dentries(), dentry.release(), kept));
    return install(open_file, 0, flags & open_flags::CLOSE_ON_EXEC);
}

Result<size_t> Context::read_at(int fd, kstd::Span<uint8_t> buffer, const uint64_t* offset, bool may_wait)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    Inode& inode = open_file->inode();
    if (offset && inode.is_stream())
        return Errno::IllegalSeek;
    if (!open_file->can_read())
        return Errno::BadFileDescriptor;
    if (inode.is_stream()) {
        bool nonblocking = !may_wait || open_file->is_nonblocking();
        return outside_vfs_lock(locked, *open_file, [&] { return inode.read_stream(buffer, nonblocking); });
    }
    uint64_t position = offset ? *offset : open_file->offset;
    if (!inode.runs_under_vfs_lock())
        return outside_vfs_lock(locked, *open_file, [&] { return inode.read(position, buffer); });
    size_t count = TRY(inode.read(position, buffer));
    if (!offset)
        open_file->offset += count;
    return count;
}

Result<size_t> Context::write_at(int fd, kstd::Span<const uint8_t> data, const uint64_t* offset)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    Inode& inode = open_file->inode();
    if (offset && inode.is_stream())
        return Errno::IllegalSeek;
    if (!open_file->can_write())
        return Errno::BadFileDescriptor;
    if (inode.is_stream()) {
        bool nonblocking = open_file->is_nonblocking();
        return outside_vfs_lock(locked, *open_file, [&] { return inode.write_stream(data, nonblocking); });
    }
    uint64_t position = offset ? *offset : open_file->offset;
    if (!inode.runs_under_vfs_lock())
        return outside_vfs_lock(locked, *open_file, [&] { return inode.write(position, data); });
    if ((open_file->flags & open_flags::APPEND) && !data.empty()) // a write of nothing has "no other results" (POSIX)
        position = inode.size();
    size_t count = TRY(inode.write(position, data));
    if (!offset)
        open_file->offset = position + count;
    return count;
}

Result<size_t> Context::read(int fd, kstd::Span<uint8_t> buffer)
{
    return read_at(fd, buffer, nullptr, true);
}

Result<size_t> Context::write(int fd, kstd::Span<const uint8_t> data)
{
    return write_at(fd, data, nullptr);
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
    if (open_file->inode().is_stream())
        return Errno::IllegalSeek;
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

} // namespace fs
