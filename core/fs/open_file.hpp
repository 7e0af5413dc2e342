// OpenFile: an open file description, what open() and pipe() create.
//
// It holds what the file's users share: the dentry (so the inode), the access mode and
// status flags (O_APPEND, O_NONBLOCK, ...: fcntl's F_GETFL and F_SETFL) and the offset.
// Descriptors point at descriptions, as on Linux: dup() and a forked descriptor table
// share one, its offset and flags included, and it closes when the last reference goes.
// Whether exec closes a descriptor (FD_CLOEXEC) belongs to the descriptor, not here (see
// Context). References are taken and dropped under the VFS lock.
//
// The inode hears of each description opened and closed on it (Inode::opened, closed):
// a pipe counts its readers and writers that way.
#pragma once
#include <fs/dentry.hpp>

namespace fs {

class OpenFile {
public:
    // A description of `dentry` (its reference adopted, also on failure) with `flags`
    // (the access mode and open_flags::STATUS bits); ENOMEM.
    static kstd::Result<OpenFile*> create(DentryCache& dentries, Dentry* dentry, uint32_t flags);
    // For create() and put() (through mm::make and mm::destroy).
    OpenFile(DentryCache& dentries, Dentry* dentry, uint32_t open_flags);
    ~OpenFile() = default;
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;

    void get() { ++m_references; }
    // Drops a reference; the last one tells the inode, lets go of the dentry and frees
    // the description.
    void put();
    uint32_t references() const { return m_references; }

    Dentry& dentry() const { return *m_dentry; }
    Inode& inode() const { return m_dentry->inode(); }
    bool can_read() const { return (flags & open_flags::ACCESS_MODE) != open_flags::WRITE_ONLY; }
    bool can_write() const { return (flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY; }
    bool is_nonblocking() const { return flags & open_flags::NON_BLOCK; }
    // A description that may write a regular file keeps its file system from being
    // remounted read-only (Superblock::writers). Its access mode never changes.
    bool counts_as_writer() const { return can_write() && inode().type() == FileType::Regular; }

    uint32_t flags = 0;
    uint64_t offset = 0; // bytes for files; the file system's position for directories

private:
    DentryCache& m_dentries;
    Dentry* m_dentry;
    uint32_t m_references = 1;
};

} // namespace fs
