// Vfs: one tree of mounted file systems, its dentry cache and its lock.
//
// The kernel has one Vfs (kernel_fs.hpp); host tests build their own. A Vfs starts with a
// root file system (mount_root) and grows by mounting more on directories of it, and
// shrinks by unmounting what nothing uses any more. The file
// operations themselves are in context.hpp: a Context is one user of a Vfs, with its
// current directory and its open files.
//
// Locking: one big lock per Vfs serialises every namespace change, lookup and file
// operation, the simplest rule that is right with preemption. It is a sched::Mutex once the
// scheduler runs; before that (early boot, host unit tests) there is one flow of control and
// VfsLocker takes nothing. Files that may block their reader (the console, pipes) are read
// and written outside it (Inode::runs_under_vfs_lock).
#pragma once
#include <fs/dentry.hpp>
#include <fs/superblock.hpp>
#include <kstd/fixed_string.hpp>
#include <sched/sync.hpp>

namespace fs {

struct Mount {
    Superblock* superblock = nullptr;
    Dentry* root = nullptr;       // the file system's root dentry
    Dentry* mountpoint = nullptr; // the directory it hides; nullptr for "/"
    kstd::FixedString<63> source; // what mount was given, e.g. "initramfs" or "proc"
    kstd::IntrusiveListNode node;
};

class Vfs {
public:
    Vfs() = default;
    Vfs(const Vfs&) = delete;
    Vfs& operator=(const Vfs&) = delete;
    // Unmounts everything. Every Context of this Vfs must be gone.
    ~Vfs();

    // Makes `superblock` the root file system (once). Takes ownership, also on failure.
    kstd::Result<void> mount_root(Superblock* superblock, kstd::StringView source);
    // Mounts `superblock` on `directory` (ENOTDIR if it is not one). Mounting on the root
    // of a mount stacks, as on Linux. Takes ownership, also on failure.
    kstd::Result<void> mount(Dentry& directory, Superblock* superblock, kstd::StringView source);
    // Unmounts the file system whose root dentry is `root`: EINVAL if none is (not a mount
    // point), EBUSY for "/" and while anything in it is in use (an open file, a current
    // directory, a mount on it). The caller holds no reference to `root`.
    kstd::Result<void> unmount(const Dentry* root);

    // Whether `dentry` is the root of a mounted file system ("/" included).
    bool is_mount_root(const Dentry& dentry) const;

    Dentry& root() const { return *m_root; }
    DentryCache& dentries() { return m_dentries; }
    const kstd::IntrusiveList<Mount, &Mount::node>& mounts() const { return m_mounts; }
    // `dentry`, or the root of what is mounted on it (repeatedly).
    static Dentry* through_mounts(Dentry* dentry);
    // The parent of `dentry` in the whole tree: crossing back over mount points, and "/"
    // for "/".
    Dentry* parent_of(Dentry& dentry) const;

    sched::Mutex& lock() { return m_lock; }

private:
    kstd::Result<Mount*> make_mount(Superblock* superblock, kstd::StringView source);
    // Takes `mount` off the tree and frees it and its file system.
    void detach(Mount& mount);

    DentryCache m_dentries;
    kstd::IntrusiveList<Mount, &Mount::node> m_mounts;
    Dentry* m_root = nullptr;
    sched::Mutex m_lock;
};

// Takes a Vfs's lock for a scope, when there is a scheduler to take it with.
class VfsLocker {
public:
    explicit VfsLocker(Vfs& vfs);
    ~VfsLocker() { unlock(); }
    VfsLocker(const VfsLocker&) = delete;
    VfsLocker& operator=(const VfsLocker&) = delete;
    void unlock();
    void relock();

private:
    sched::Mutex& m_mutex;
    bool m_held = false;
};

} // namespace fs
