// The file system (core/fs): start reading here.
//
// A map of the folder: types.hpp (mode bits, open flags, Stat), inode.hpp and
// superblock.hpp (what a file system implements), dentry.hpp (the cache of looked-up
// names), vfs.hpp (the tree of mounts and its lock), path_walk.hpp (path resolution),
// open_file.hpp (open file descriptions), this file (the calls), kernel_fs.hpp (the
// kernel's Vfs, set up at boot); the file systems in ramfs/, procfs/ and devfs/, and the
// pipes in pipefs/; initramfs/ reads the boot archive into ramfs.
//
// Context: one user of the file system, with the POSIX file calls.
//
// A Context has a root, a current directory, a umask and a table of open file
// descriptors; its member functions are the calls a process will make (openat, read,
// write, lseek, close, fstatat, mkdirat, renameat, ...), with POSIX arguments and Linux's
// errno values. Every call on names is an *at call, relative to an open directory as well
// as to the current one, so a walk can reach deeper than a whole path can name
// (PATH_LENGTH_MAX); the path calls (open, stat, mkdir, ...) are one-line wrappers of them.
// A process owns one (fork() copies it, close_on_exec() is exec's part); a kernel thread
// gets its own the first time it uses the file system (kernel_fs.hpp: fs::current());
// host tests make Contexts of their own Vfs.
//
// A descriptor is an index in the table, the lowest free one, like Linux. Each points at
// an open file description (OpenFile, open_file.hpp: the dentry, flags and offset), which
// dup() and fork() share, and has its own close-on-exec flag (FD_CLOEXEC).
//
// The calls live in a few files: descriptor_calls.cpp (the table: close, dup, fcntl, fork),
// file_calls.cpp (open and data), vector_calls.cpp (pread, pwrite, readv, writev),
// directory_calls.cpp (readdir, getdents64), name_calls.cpp (operations on names, and the
// POSIX checks that do not depend on the file system), access_calls.cpp (faccessat) and
// pipefs/pipe_calls.cpp (pipe).
#pragma once
#include <fs/open_file.hpp>
#include <fs/path_walk.hpp>
#include <kstd/optional.hpp>

namespace fs {

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

    // The descriptor table (descriptor_calls.cpp).
    kstd::Result<void> close(int fd);
    // How many descriptors are open.
    int open_count() const;
    // A new context for a forked process (the caller owns it, mm::destroy closes it): the
    // same root, current directory and umask, and every descriptor sharing its open file
    // description, close-on-exec flags included. ENOMEM.
    kstd::Result<Context*> fork();
    // exec's part: closes the descriptors marked close-on-exec.
    void close_on_exec();
    // The lowest free descriptor, sharing fd's description, without close-on-exec; EBADF,
    // EMFILE.
    kstd::Result<int> dup(int fd);
    // Makes new_fd share old_fd's description (closing what new_fd was), without
    // close-on-exec; returns new_fd. EBADF when old_fd is not open or new_fd is out of
    // range; the same descriptor twice returns it (if open).
    kstd::Result<int> dup2(int old_fd, int new_fd);
    // dup2 with `flags` (open_flags::CLOSE_ON_EXEC or 0; other bits EINVAL), and EINVAL
    // for the same descriptor twice.
    kstd::Result<int> dup3(int old_fd, int new_fd, uint32_t flags);
    // fcntl() with fcntl_commands (Linux's numbers): DUPLICATE(_CLOSE_ON_EXEC) takes the
    // lowest free descriptor >= argument (EINVAL at OPEN_MAX or above, EMFILE when none),
    // GET/SET_DESCRIPTOR_FLAGS read and set DESCRIPTOR_CLOSE_ON_EXEC, GET_STATUS_FLAGS
    // returns the access mode and status flags, SET_STATUS_FLAGS changes only
    // open_flags::CHANGEABLE. EBADF first, then EINVAL for an unknown command.
    kstd::Result<int> fcntl(int fd, int command, uint64_t argument);

    // Opening and data (file_calls.cpp). open_flags::CLOSE_ON_EXEC marks the new
    // descriptor close-on-exec; NON_BLOCK makes reads and writes of a stream (a pipe)
    // answer EAGAIN rather than wait; APPEND writes at the end.
    kstd::Result<int> openat(int directory_fd, kstd::StringView path, uint32_t flags, Mode permissions = 0666);
    kstd::Result<size_t> read(int fd, kstd::Span<uint8_t> buffer);
    kstd::Result<size_t> write(int fd, kstd::Span<const uint8_t> data);
    kstd::Result<uint64_t> lseek(int fd, int64_t offset, Whence whence);
    kstd::Result<Stat> fstat(int fd);
    kstd::Result<void> ftruncate(int fd, uint64_t size);

    // Explicit offsets and vectors (vector_calls.cpp). pread/pwrite leave the offset alone
    // (EINVAL for a negative one, ESPIPE on a pipe; pwrite on an O_APPEND file appends, as
    // on Linux). readv fills the buffers in turn and waits only for the first byte, as
    // one read would; writev gathers at most PIPE_ATOMIC_MAX bytes into one write (so it
    // is atomic on a pipe) and writes more piece by piece. Both stop at the first short
    // transfer or error and return what was done, or the error if nothing was.
    kstd::Result<size_t> pread(int fd, kstd::Span<uint8_t> buffer, int64_t offset);
    kstd::Result<size_t> pwrite(int fd, kstd::Span<const uint8_t> data, int64_t offset);
    kstd::Result<size_t> readv(int fd, kstd::Span<const kstd::Span<uint8_t>> buffers);
    kstd::Result<size_t> writev(int fd, kstd::Span<const kstd::Span<const uint8_t>> pieces);

    // Directories (directory_calls.cpp).
    // The next entry of an open directory ("." and ".." first); false at the end.
    kstd::Result<bool> readdir(int fd, DirectoryEntry& entry);
    // getdents64(2): as many whole struct linux_dirent64 records (d_ino, d_off, d_reclen
    // rounded up to 8, d_type, d_name with its NUL) as fit in `buffer`, going on from where
    // the last call stopped; 0 at the end; EINVAL when not even the next one fits; ENOTDIR,
    // EBADF. d_off is the position after the entry (lseek to it to read on from there).
    kstd::Result<size_t> getdents64(int fd, kstd::Span<uint8_t> buffer);

    // pipe2(2) (pipefs/pipe_calls.cpp): fds[0] reads, fds[1] writes. `flags`:
    // open_flags::CLOSE_ON_EXEC and NON_BLOCK, other bits EINVAL; EMFILE unless two
    // descriptors are free, ENOMEM.
    kstd::Result<void> pipe(int (&fds)[2], uint32_t flags = 0);

    // faccessat2(2) as root (access_calls.cpp), with access_modes: EXISTS whether `path`
    // exists; READ and WRITE are granted; EXECUTE on a directory, or a file with an x bit
    // (EACCES otherwise). `flags`: at_flags::EFFECTIVE_ACCESS, SYMLINK_NOFOLLOW,
    // EMPTY_PATH; other bits, in either, EINVAL.
    kstd::Result<void> faccessat(int directory_fd, kstd::StringView path, int mode, uint32_t flags = 0);
    kstd::Result<void> access(kstd::StringView path, int mode) { return faccessat(CURRENT_DIRECTORY, path, mode); }
    // The open file description of `fd` (EBADF), for those that work on it directly (a
    // file mapping); the caller holds the VFS lock.
    kstd::Result<OpenFile*> open_file(int fd) const { return file(fd); }
    // poll()'s look at `fd`: its inode's poll bits for its description (fs/poll.hpp),
    // or POLLNVAL when it is not open. Takes the VFS lock; never waits otherwise.
    uint32_t poll_events(int fd);

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
    // chmod, utimensat and chown (attribute_calls.cpp) on the file `path` names from
    // `directory_fd`; an empty path with at_flags::EMPTY_PATH is the descriptor's own file
    // (fchmod, futimens). utimensat's SYMLINK_NOFOLLOW changes a link itself; a time given
    // as nullptr is left alone.
    kstd::Result<void> fchmodat(int directory_fd, kstd::StringView path, Mode permissions, uint32_t flags = 0);
    kstd::Result<void> utimensat(int directory_fd, kstd::StringView path, const uint64_t* access_ns,
                                 const uint64_t* modify_ns, uint32_t flags = 0);
    // chown, lchown (SYMLINK_NOFOLLOW), fchown (EMPTY_PATH); nullptr leaves that id alone.
    kstd::Result<void> fchownat(int directory_fd, kstd::StringView path, const uint32_t* uid, const uint32_t* gid,
                                uint32_t flags = 0);
    kstd::Result<void> chdir(kstd::StringView path);
    // Makes the open directory `fd` the current directory.
    kstd::Result<void> fchdir(int fd);
    // The current directory's absolute path, NUL-terminated; ERANGE when it does not fit.
    kstd::Result<size_t> getcwd(kstd::Span<char> buffer);
    // Mounts a new file system of `type` (e.g. "ramfs") from `source` on directory `target`,
    // with the type's `options` (mount -o, e.g. "size=16m"; EINVAL for one it does not know),
    // read-only or not.
    kstd::Result<void> mount(kstd::StringView type, kstd::StringView source, kstd::StringView target,
                             kstd::StringView options = {}, MountMode mode = MountMode::ReadWrite);
    // Makes the file system mounted at `target` read-only or writable again (mount's
    // MS_REMOUNT): EINVAL where nothing is mounted, EBUSY for read-only while a file of it
    // is open for writing.
    kstd::Result<void> remount(kstd::StringView target, MountMode mode);
    // Unmounts the file system mounted at `target` (see Vfs::unmount; FollowLast::No: a
    // symbolic link at the end is not followed, umount2's UMOUNT_NOFOLLOW).
    kstd::Result<void> unmount(kstd::StringView target, FollowLast follow = FollowLast::Yes);

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

    // The figures of the file system holding what `path` names (following a last symlink)
    // or what descriptor fd is open on (statfs_calls.cpp); ENOENT, EBADF.
    kstd::Result<FileSystemStatistics> statfs(kstd::StringView path);
    kstd::Result<FileSystemStatistics> fstatfs(int fd);
    // What /proc/<pid>/fd/<fd> reads for descriptor fd, as Linux's: the absolute path of
    // the file (as write_path gives it from the Vfs's root) or "pipe:[INODE]" for a pipe.
    // The caller holds the Vfs lock. EBADF when fd is not open.
    kstd::Result<void> describe_descriptor(int fd, kstd::Writer& out) const;
    // The lowest open descriptor at or above fd, and its access mode (open_flags'
    // ACCESS_MODE bits); nothing when there is none. The caller holds the Vfs lock.
    struct DescriptorMode {
        int fd;
        uint32_t access_mode;
    };
    kstd::Optional<DescriptorMode> next_descriptor(int fd) const;

    Mode umask() const { return m_umask; }
    void set_umask(Mode mask) { m_umask = mask & mode::PERMISSION_MASK; }

    // For kernel_fs.cpp: its place on the list of contexts whose threads have ended.
    kstd::IntrusiveListNode ended_node;

private:
    struct Descriptor {
        OpenFile* file = nullptr;
        bool close_on_exec = false;
    };

    // Resolves `path` from `directory_fd` (see the *at calls above).
    kstd::Result<Resolution> resolve(int directory_fd, kstd::StringView path, FollowLast follow,
                                     bool creating = false);
    // What `path` names (ENOENT when nothing), held for the caller's scope.
    kstd::Result<DentryReference> resolve_existing(int directory_fd, kstd::StringView path, FollowLast follow);
    kstd::Result<OpenFile*> file(int fd) const;
    // The directory a relative path starts from: the current one, or that of an open
    // directory descriptor.
    kstd::Result<Dentry*> directory_of(int directory_fd) const;
    // The lowest free descriptor at or above `lowest`; EMFILE.
    kstd::Result<int> free_descriptor(int lowest) const;
    // Puts `file` (its reference adopted, also on failure) in the lowest free descriptor at
    // or above `lowest`; EMFILE.
    kstd::Result<int> install(OpenFile* file, int lowest, bool close_on_exec);
    // Puts `file` (its reference adopted) in descriptor `fd`, closing what was there.
    void install_at(int fd, OpenFile* file, bool close_on_exec);
    // Empties descriptor `fd` (open) and drops its reference.
    void release(int fd);
    // read/write/pread/pwrite: at `offset` (nullptr: the file's own), and waiting only
    // when `may_wait` and the file is not O_NONBLOCK.
    kstd::Result<size_t> read_at(int fd, kstd::Span<uint8_t> buffer, const uint64_t* offset, bool may_wait);
    kstd::Result<size_t> write_at(int fd, kstd::Span<const uint8_t> data, const uint64_t* offset);
    // The entry of directory `file` at `position` ("." at 0, ".." at 1), advancing it.
    kstd::Result<bool> read_entry(OpenFile& file, uint64_t& position, DirectoryEntry& entry);
    kstd::Result<Dentry*> open_or_create(int directory_fd, kstd::StringView path, uint32_t flags, Mode permissions);
    kstd::Result<void> remove_directory(int directory_fd, kstd::StringView path);
    kstd::Result<void> unlink_file(int directory_fd, kstd::StringView path);
    // The inode an attribute call changes: with AT_EMPTY_PATH and no path, the descriptor's
    // (or the current directory's); else the path's, held in `held`. EROFS on a read-only
    // file system.
    kstd::Result<Inode*> inode_to_change(int directory_fd, kstd::StringView path, uint32_t flags,
                                         DentryReference& held);

    Vfs& m_vfs;
    Dentry* m_root;
    Dentry* m_current_directory;
    Mode m_umask = DEFAULT_UMASK;
    Descriptor m_descriptors[OPEN_MAX];
};

// The absolute path of `dentry` as seen from `root`, written to `out` ("/" for the root).
// ENAMETOOLONG when it does not fit in PATH_LENGTH_MAX.
kstd::Result<void> write_path(const Dentry& root, const Dentry& dentry, kstd::Writer& out);

} // namespace fs
