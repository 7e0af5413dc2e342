// Superblock: one mounted instance of a file system, and the table of file system types.
//
// A file system type ("ramfs", "proc", "devfs") is a name and a function that builds a
// superblock from a mount's source string. The superblock owns its inodes: it numbers them,
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
    uint64_t allocate_inode_number() { return m_next_inode++; }
    uint64_t live_inodes() const { return m_live_inodes; }
    void inode_created() { ++m_live_inodes; }
    void inode_released() { --m_live_inodes; }

private:
    uint64_t m_device;
    uint64_t m_next_inode = 1;
    uint64_t m_live_inodes = 0;
};

struct FileSystemType {
    kstd::StringView name;
    // A new superblock (its root holds one reference) for a mount of `source`.
    kstd::Result<Superblock*> (*mount)(kstd::StringView source);
};

// The types `mount -t` knows, registered by kernel_fs.cpp at boot.
kstd::Result<void> register_file_system_type(const FileSystemType& type);
const FileSystemType* find_file_system_type(kstd::StringView name);
// A fresh device number for a new superblock.
uint64_t allocate_device_number();

} // namespace fs
