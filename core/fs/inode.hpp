// Inode: one file, directory, symbolic link or device, as its file system keeps it.
//
// A file system derives from Inode and overrides the operations its kind of node supports;
// the defaults refuse with the errno Linux gives for that kind (ENOTDIR for directory
// operations on a non-directory, EISDIR for reading a directory, EINVAL for readlink of a
// non-link). The VFS (vfs.hpp) has already resolved paths, taken the VFS lock and checked
// the POSIX rules that do not depend on the file system (see name_calls.cpp)
// before it calls these, so an implementation only does its own part:
//   - directory operations take one name (never "." or "..", never empty, at most NAME_LENGTH_MAX)
//     and return new references (the caller put()s them);
//   - rename() is called with both directories on this file system, a source that exists,
//     and a target that is absent or of a compatible type (and empty, if a directory).
//
// Inodes are reference counted. A directory's entry holds one reference, each dentry in
// the cache one, each open file one; the last put() hands the inode to its superblock,
// which frees it. link_count is st_nlink: the names it has, not the references.
#pragma once
#include <fs/types.hpp>
#include <kstd/result.hpp>
#include <kstd/span.hpp>

namespace tty {
class Terminal;
}

namespace fs {

class Superblock;

class Inode {
public:
    Inode(Superblock& superblock, uint64_t number, Mode mode);
    virtual ~Inode() = default;
    Inode(const Inode&) = delete;
    Inode& operator=(const Inode&) = delete;

    Superblock& superblock() const { return m_superblock; }
    uint64_t number() const { return m_number; }
    Mode mode() const { return m_mode; }
    FileType type() const { return file_type_of(m_mode); }
    bool is_directory() const { return type() == FileType::Directory; }
    bool is_symlink() const { return type() == FileType::Symlink; }
    uint32_t link_count() const { return m_link_count; }
    uint64_t size() const { return m_size; }

    void get();
    void put();

    // stat() as this inode would answer it; file systems with live contents override it.
    virtual Stat stat() const;

    // Directories.
    virtual kstd::Result<Inode*> lookup(kstd::StringView name);
    virtual kstd::Result<Inode*> create(kstd::StringView name, Mode permissions);
    virtual kstd::Result<Inode*> make_directory(kstd::StringView name, Mode permissions);
    virtual kstd::Result<Inode*> make_symlink(kstd::StringView name, kstd::StringView target);
    virtual kstd::Result<void> link(kstd::StringView name, Inode& target);
    virtual kstd::Result<void> unlink(kstd::StringView name);
    virtual kstd::Result<void> remove_directory(kstd::StringView name);
    virtual kstd::Result<void> rename(kstd::StringView old_name, Inode& new_directory, kstd::StringView new_name);
    // Reads the entry at `position` (0 for the first) into `entry` and advances `position`
    // past it; false after the last. Positions stay valid while entries come and go.
    virtual kstd::Result<bool> read_directory(uint64_t& position, DirectoryEntry& entry);
    // Whether the directory has no entries (rmdir and rename onto it need that).
    virtual kstd::Result<bool> is_empty_directory();

    // Files and devices. Reading at or past the end returns 0.
    virtual kstd::Result<size_t> read(uint64_t offset, kstd::Span<uint8_t> buffer);
    virtual kstd::Result<size_t> write(uint64_t offset, kstd::Span<const uint8_t> data);
    virtual kstd::Result<void> truncate(uint64_t size);

    // Symbolic links: copies the target (not NUL-terminated, cut at the buffer's size).
    virtual kstd::Result<size_t> read_link(kstd::Span<char> buffer);

    // Whether read and write may run under the VFS lock. Devices that can block a reader
    // for long (the console) say false and do their own locking.
    virtual bool runs_under_vfs_lock() const { return true; }

    // Streams (pipes) have no offset: lseek, pread and pwrite are ESPIPE, and a
    // descriptor's read and write come to read_stream and write_stream instead of read and
    // write, outside the VFS lock (a stream says false above), told whether they may wait
    // for data or room (not when the open file is O_NONBLOCK: EAGAIN then). The defaults
    // refuse with EINVAL.
    virtual bool is_stream() const { return false; }
    virtual kstd::Result<size_t> read_stream(kstd::Span<uint8_t> buffer, bool nonblocking);
    virtual kstd::Result<size_t> write_stream(kstd::Span<const uint8_t> data, bool nonblocking);
    // An open file description with these flags (access mode and status) was made for, or
    // has closed on, this inode. Under the VFS lock. The defaults do nothing.
    // poll(): Linux's poll bits (fs/poll.hpp) for a description with these open flags.
    // The default is for what never waits (files, directories, most devices): readable
    // and writable. An inode whose answer can change calls fs::notify_poll_waiters() when
    // it may have.
    virtual uint32_t poll_events(uint32_t flags) const;
    // A terminal device's terminal, for ioctl's terminal requests; nullptr (the default)
    // for everything else, which answers them ENOTTY.
    virtual tty::Terminal* terminal() { return nullptr; }
    // Before a file is opened on it: an error refuses the open (/dev/tty without a
    // controlling terminal: ENXIO).
    virtual kstd::Result<void> check_open() { return {}; }
    virtual void opened(uint32_t) {}
    virtual void closed(uint32_t) {}
    // Whether a dentry naming this inode may stay in the cache. procfs's thread folders
    // come and go with their threads and say false once the thread has ended.
    virtual bool still_valid() const { return true; }

    // For file systems: st_nlink changes as names come and go; touch_modified stamps the
    // modification and change times, touch_changed only the change time, touch_accessed
    // the access time as Linux's default `relatime` does (only when it is not newer than
    // the modification or change time, or is a day old). The rules are Linux's: a write
    // of some bytes, a truncate (even to the same size) and O_TRUNC stamp m and c; a name
    // added or removed stamps the directory's m and c and the named inode's c (link,
    // unlink, rename: also a replaced target's); reading a file, a directory or a link
    // stamps a.
    void adjust_link_count(int delta) { m_link_count += delta; }
    // chmod: the permission bits (07777) become `permissions`, the type stays; set_times
    // (utimensat): the access and modification times given (nullptr: left as they are).
    // Both stamp the change time, as Linux's.
    void set_permissions(Mode permissions);
    void set_times(const uint64_t* access_ns, const uint64_t* modify_ns);
    // chown: the owner and the group given (nullptr: unchanged, chown's -1). As Linux's
    // (root included, since 2.2.13), every chown clears set-user-ID on a file that is not
    // a directory, and set-group-ID where group execution is allowed. Stamps the change time.
    void set_owner(const uint32_t* uid, const uint32_t* gid);
    void touch_modified();
    void touch_changed();
    void touch_accessed();

protected:
    uint64_t m_size = 0;
    uint32_t m_link_count = 1;
    uint32_t m_device_number = 0;
    uint64_t m_access_ns = 0;
    uint64_t m_modify_ns = 0;
    uint64_t m_change_ns = 0;
    uint32_t m_uid = 0;
    uint32_t m_gid = 0;

private:
    Superblock& m_superblock;
    uint64_t m_number;
    Mode m_mode;
    uint32_t m_references = 1;
};

} // namespace fs
