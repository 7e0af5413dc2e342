// Superblock: one mounted instance of a file system, and the table of file system types.
//
// A file system type ("ramfs", "proc", "devfs") is a name and a function that builds a
// superblock from a mount's source string and options (mount -o: "size=64m", comma
// separated; an option the type does not know is EINVAL, as on Linux). The superblock owns its inodes: it numbers them,
// frees one when its last reference goes (release()), and reports df's figures. The VFS
// asks a superblock only for its root inode; everything below is reached by lookup().
#pragma once
#include <fs/inode.hpp>

namespace fs {

class Superblock {
public:
    explicit Superblock(uint64_t device);
    virtual ~Superblock() = default;
    Superblock(const Superblock&) = delete;
    Superblock& operator=(const Superblock&) = delete;

    virtual kstd::StringView type_name() const = 0;
    // What statfs(2) puts in f_type: the magic number of Linux's file system of the kind
    // (linux/magic.h), so that programs recognise it.
    virtual uint64_t magic() const = 0;
    // A new reference to the root directory.
    virtual Inode& root() = 0;
    // df's figures. The default suits file systems that hold no memory of their own (proc,
    // devfs): no blocks, and the inodes alive.
    virtual FileSystemStatistics statistics() const;
    // Called by Inode::put() when the last reference is gone. The default destroys it.
    virtual void release(Inode& inode);
    // Called when the file system is unmounted and its root was released; a superblock
    // may free itself here.
    virtual void destroy();

    uint64_t device() const { return m_device; }

    // Mounted read-only (mount's MS_RDONLY, or a remount): every change of a name, of a
    // file's contents or of an inode's attributes under it is EROFS (refuse_if_read_only).
    bool is_read_only() const { return m_read_only; }
    void set_read_only(bool read_only) { m_read_only = read_only; }
    // Open descriptions that may write one of its files: while there are any, it cannot be
    // remounted read-only (EBUSY), as on Linux.
    size_t writers() const { return m_writers; }
    void writer_opened() { ++m_writers; }
    void writer_closed() { --m_writers; }
    uint64_t allocate_inode_number() { return m_next_inode++; }
    uint64_t live_inodes() const { return m_live_inodes; }
    void inode_created() { ++m_live_inodes; }
    void inode_released() { --m_live_inodes; }

private:
    uint64_t m_device;
    uint64_t m_next_inode = 1;
    uint64_t m_live_inodes = 0;
    size_t m_writers = 0;
    bool m_read_only = false;
};

enum class MountMode : uint8_t { ReadWrite, ReadOnly };

// EROFS when `inode`'s file system is mounted read-only: what every call that would change
// a name, a file's contents or an inode's attributes asks first.
kstd::Result<void> refuse_if_read_only(const Inode& inode);

struct FileSystemType {
    kstd::StringView name;
    // A new superblock (its root holds one reference) for a mount of `source` with
    // `options` (empty for none).
    kstd::Result<Superblock*> (*mount)(kstd::StringView source, kstd::StringView options);
};

// Calls `visit(option)` (a Result<void>) for each option of a comma-separated list,
// skipping empty ones, and stops at the first error.
template<typename Visit>
kstd::Result<void> for_each_mount_option(kstd::StringView options, Visit visit)
{
    size_t start = 0;
    while (start <= options.size()) {
        size_t comma = options.find(',', start);
        size_t end = comma == kstd::StringView::npos ? options.size() : comma;
        if (end > start)
            TRY(visit(options.substring(start, end - start)));
        start = end + 1;
    }
    return {};
}

// For file system types that take no options: EINVAL unless `options` is empty.
kstd::Result<void> refuse_mount_options(kstd::StringView options);

// The types `mount -t` knows, registered by kernel_fs.cpp at boot.
kstd::Result<void> register_file_system_type(const FileSystemType& type);
const FileSystemType* find_file_system_type(kstd::StringView name);
// Every registered type, in the order of registration (/proc/filesystems).
kstd::Span<const FileSystemType> file_system_types();
// A fresh device number for a new superblock.
uint64_t allocate_device_number();

} // namespace fs
