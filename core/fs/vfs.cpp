// Vfs: mounting, the parent relation across mounts, teardown, and the VFS lock.
#include <fs/vfs.hpp>
#include <mm/heap/kmalloc.hpp>
#include <sched/scheduler.hpp>

namespace fs {

kstd::Result<Mount*> Vfs::make_mount(Superblock* superblock, kstd::StringView source)
{
    Mount* mount = mm::make<Mount>();
    if (!mount) {
        superblock->destroy();
        return kstd::Errno::OutOfMemory;
    }
    auto root = m_dentries.make_root(&superblock->root());
    if (root.is_error()) {
        mm::destroy(mount);
        superblock->destroy();
        return root.release_error();
    }
    mount->superblock = superblock;
    mount->root = root.value();
    mount->source.write(source);
    return mount;
}

kstd::Result<void> Vfs::mount_root(Superblock* superblock, kstd::StringView source)
{
    if (m_root) {
        superblock->destroy();
        return kstd::Errno::Busy;
    }
    Mount* mount = TRY(make_mount(superblock, source));
    m_root = mount->root;
    m_mounts.push_back(*mount);
    return {};
}

kstd::Result<void> Vfs::mount(Dentry& directory, Superblock* superblock, kstd::StringView source)
{
    if (!directory.inode().is_directory() || directory.mounted_here()) {
        superblock->destroy();
        return directory.mounted_here() ? kstd::Errno::Busy : kstd::Errno::NotADirectory;
    }
    Mount* mount = TRY(make_mount(superblock, source));
    m_dentries.get(directory);
    mount->mountpoint = &directory;
    mount->root->m_covered = &directory;
    directory.m_mounted_here = mount;
    m_mounts.push_back(*mount);
    return {};
}

void Vfs::detach(Mount& mount)
{
    m_mounts.remove(mount);
    if (mount.mountpoint) {
        mount.mountpoint->m_mounted_here = nullptr;
        m_dentries.put(mount.mountpoint);
    }
    m_dentries.put(mount.root);
    m_dentries.prune(DentryCache::ALL);
    mount.superblock->destroy();
    mm::destroy(&mount);
}

kstd::Result<void> Vfs::unmount(const Dentry* root)
{
    Mount* found = nullptr;
    for (Mount& mount : m_mounts)
        if (mount.root == root)
            found = &mount;
    if (!found)
        return kstd::Errno::InvalidArgument;
    if (!found->mountpoint)
        return kstd::Errno::Busy;
    // Unused dentries of the file system go first; any left is in use and holds its
    // parent, so the root has more than the mount's own reference.
    m_dentries.prune(DentryCache::ALL);
    if (found->root->m_references != 1)
        return kstd::Errno::Busy;
    detach(*found);
    return {};
}

bool Vfs::is_mount_root(const Dentry& dentry) const
{
    for (const Mount& mount : m_mounts)
        if (mount.root == &dentry)
            return true;
    return false;
}

Vfs::~Vfs()
{
    m_dentries.prune(DentryCache::ALL);
    // Newest mounts first: a mount's root may hold the dentry an older mount covers.
    while (Mount* mount = m_mounts.front()) {
        Mount* newest = mount;
        for (Mount& candidate : m_mounts)
            newest = &candidate;
        detach(*newest);
    }
}

Dentry* Vfs::through_mounts(Dentry* dentry)
{
    while (dentry->mounted_here())
        dentry = dentry->mounted_here()->root;
    return dentry;
}

Dentry* Vfs::parent_of(Dentry& dentry) const
{
    Dentry* at = &dentry;
    while (!at->parent() && at->covered())
        at = at->covered();
    return at->parent() ? at->parent() : at;
}

VfsLocker::VfsLocker(Vfs& vfs) : m_mutex(vfs.lock())
{
    relock();
}

void VfsLocker::relock()
{
    if (!m_held && sched::is_running()) {
        m_mutex.lock();
        m_held = true;
    }
}

void VfsLocker::unlock()
{
    if (m_held) {
        m_held = false;
        m_mutex.unlock();
    }
}

} // namespace fs
