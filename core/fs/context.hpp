// The file system (core/fs): start reading here.
//
// A map of the folder: types.hpp (mode bits, open flags, Stat), inode.hpp and
// superblock.hpp (what a file system implements), dentry.hpp (the cache of looked-up
// names), vfs.hpp (the tree of mounts and its lock), path_walk.hpp (path resolution), this
// file (the calls), kernel_fs.hpp (the kernel's Vfs, set up at boot); the file systems in
// ramfs/, procfs/ and devfs/; initramfs/ reads the boot archive into ramfs.
//
// Context: one user of the file system, with the POSIX file calls.
//
// A Context has a root, a current directory, a umask and a table of open file
// descriptors; its member functions are the calls a process will make (openat, read,
// write, lseek, close, fstatat, mkdirat, renameat, ...), with POSIX arguments and Linux's
// errno values. Every call on names is an *at call, relative to an open directory as well
// as to the current one, so a walk can reach deeper than a whole path can name
// (PATH_LENGTH_MAX); the path calls (open, stat, mkdir, ...) are one-line wrappers of them.
// Each kernel thread gets its own Context the first time it uses the file system
// (kernel_fs.hpp: fs::current()), so the current directory is per thread; host tests make
// Contexts of their own Vfs.
//
// An open file description (OpenFile) is what open() creates: the dentry, the flags and
// the offset. A descriptor is its index in the table, the lowest free one, like Linux.
//
// The calls live in two files: file_calls.cpp (descriptors and data) and name_calls.cpp
// (operations on names, and the POSIX checks that do not depend on the file system).
#pragma once
#include <fs/path_walk.hpp>

namespace fs {

struct OpenFile {
    Dentry* dentry = nullptr;
    uint32_t flags = 0;
    uint64_t offset = 0; // bytes for files; the file system's position for directories

    Inode& inode() const { return dentry->inode(); }
    bool can_read() const { return (flags & open_flags::ACCESS_MODE) != open_flags::WRITE_ONLY; }
    bool can_write() const { return (flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY; }
};

class Context {
public:
    static constexpr int OPEN_MAX = 64;
    static constexpr Mode DEFAULT_UMASK = 022;

    explicit Context(Vfs& vfs);
    // Closes every descriptor.
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    Vfs& vfs() const { return m_vfs; }

    // Descriptors and data (file_calls.cpp).
    kstd::Result<int> openat(int directory_fd, kstd::StringView path, uint32_t flags, Mode permissions = 0666);
    kstd::Result<void> close(int fd);
    kstd::Result<size_t> read(int fd, kstd::Span<uint8_t> buffer);
    kstd::Result<size_t> write(int fd, kstd::Span<const uint8_t> data);
    kstd::Result<uint64_t> lseek(int fd, int64_t offset, Whence whence);
    kstd::Result<Stat> fstat(int fd);
    kstd::Result<void> ftruncate(int fd, uint64_t size);
    // The next entry of an open directory ("." and ".." first); false at the end.
    kstd::Result<bool> readdir(int fd, DirectoryEntry& entry);
    // How many descriptors are open.
    int open_count() const;
    // The open file description of `fd` (EBADF), for those that work on it directly (a
    // file mapping); the caller holds the VFS lock.
    kstd::Result<OpenFile*> open_file(int fd) const { return file(fd); }

    // Names (name_calls.cpp). A relative path is taken from the open directory
    // `directory_fd`, or from the current directory when that is CURRENT_DIRECTORY; an
    // absolute one ignores it. A descriptor that is not open is EBADF, one that is not a
    // directory ENOTDIR; as on Linux, an empty or too long path is reported before either.
    // `flags` are at_flags: fstatat takes SYMLINK_NOFOLLOW and EMPTY_PATH, unlinkat
    // REMOVE_DIRECTORY, linkat SYMLINK_FOLLOW; any other bit is EINVAL.
    kstd::Result<Stat> fstatat(int directory_fd, kstd::StringView path, uint32_t flags);
    kstd::Result<void> mkdirat(int directory_fd, kstd::StringView path, Mode permissions = 0777);
    kstd::Result<void> unlinkat(int directory_fd, kstd::StringView path, uint32_t flags);
    kstd::Result<void> renameat(int old_directory_fd, kstd::StringView old_path, int new_directory_fd,
                                kstd::StringView new_path);
    kstd::Result<void> linkat(int old_directory_fd, kstd::StringView old_path, int new_directory_fd,
                              kstd::StringView new_path, uint32_t flags);
    kstd::Result<void> symlinkat(kstd::StringView target, int directory_fd, kstd::StringView link_path);
    kstd::Result<size_t> readlinkat(int directory_fd, kstd::StringView path, kstd::Span<char> buffer);
    kstd::Result<void> truncate(kstd::StringView path, uint64_t size);
    kstd::Result<void> chdir(kstd::StringView path);
    // Makes the open directory `fd` the current directory.
    kstd::Result<void> fchdir(int fd);
    // The current directory's absolute path, NUL-terminated; ERANGE when it does not fit.
    kstd::Result<size_t> getcwd(kstd::Span<char> buffer);
    // Mounts a new file system of `type` (e.g. "ramfs") from `source` on directory `target`,
    // with the type's `options` (mount -o, e.g. "size=16m"; EINVAL for one it does not know).
    kstd::Result<void> mount(kstd::StringView type, kstd::StringView source, kstd::StringView target,
                             kstd::StringView options = {});

    // The path calls: the *at calls from the current directory.
    kstd::Result<int> open(kstd::StringView path, uint32_t flags, Mode permissions = 0666)
    {
        return openat(CURRENT_DIRECTORY, path, flags, permissions);
    }
    kstd::Result<Stat> stat(kstd::StringView path) { return fstatat(CURRENT_DIRECTORY, path, 0); }
    kstd::Result<Stat> lstat(kstd::StringView path)
    {
        return fstatat(CURRENT_DIRECTORY, path, at_flags::SYMLINK_NOFOLLOW);
    }
    kstd::Result<void> mkdir(kstd::StringView path, Mode permissions = 0777)
    {
        return mkdirat(CURRENT_DIRECTORY, path, permissions);
    }
    kstd::Result<void> rmdir(kstd::StringView path)
    {
        return unlinkat(CURRENT_DIRECTORY, path, at_flags::REMOVE_DIRECTORY);
    }
    kstd::Result<void> unlink(kstd::StringView path) { return unlinkat(CURRENT_DIRECTORY, path, 0); }
    kstd::Result<void> rename(kstd::StringView old_path, kstd::StringView new_path)
    {
        return renameat(CURRENT_DIRECTORY, old_path, CURRENT_DIRECTORY, new_path);
    }
    kstd::Result<void> link(kstd::StringView old_path, kstd::StringView new_path)
    {
        return linkat(CURRENT_DIRECTORY, old_path, CURRENT_DIRECTORY, new_path, 0);
    }
    kstd::Result<void> symlink(kstd::StringView target, kstd::StringView link_path)
    {
        return symlinkat(target, CURRENT_DIRECTORY, link_path);
    }
    kstd::Result<size_t> readlink(kstd::StringView path, kstd::Span<char> buffer)
    {
        return readlinkat(CURRENT_DIRECTORY, path, buffer);
    }

    Mode umask() const { return m_umask; }
    void set_umask(Mode mask) { m_umask = mask & mode::PERMISSION_MASK; }

    // For kernel_fs.cpp: its place on the list of contexts whose threads have ended.
    kstd::IntrusiveListNode ended_node;

private:
    // Resolves `path` from `directory_fd` (see the *at calls above).
    kstd::Result<Resolution> resolve(int directory_fd, kstd::StringView path, FollowLast follow,
                                     bool creating = false);
    // What `path` names (ENOENT when nothing), held for the caller's scope.
    kstd::Result<DentryReference> resolve_existing(int directory_fd, kstd::StringView path, FollowLast follow);
    kstd::Result<OpenFile*> file(int fd) const;
    // The directory a relative path starts from: the current one, or that of an open
    // directory descriptor.
    kstd::Result<Dentry*> directory_of(int directory_fd) const;
    kstd::Result<int> install(Dentry* dentry, uint32_t flags);
    kstd::Result<Dentry*> open_or_create(int directory_fd, kstd::StringView path, uint32_t flags, Mode permissions);
    kstd::Result<void> remove_directory(int directory_fd, kstd::StringView path);
    kstd::Result<void> unlink_file(int directory_fd, kstd::StringView path);

    Vfs& m_vfs;
    Dentry* m_root;
    Dentry* m_current_directory;
    Mode m_umask = DEFAULT_UMASK;
    OpenFile* m_files[OPEN_MAX] = {};
};

// The absolute path of `dentry` as seen from `root`, written to `out` ("/" for the root).
// ENAMETOOLONG when it does not fit in PATH_LENGTH_MAX.
kstd::Result<void> write_path(const Dentry& root, const Dentry& dentry, kstd::Writer& out);

} // namespace fs
