// OpenFile: making an open file description, and closing it with its last reference.
#include <fs/open_file.hpp>
#include <fs/superblock.hpp>
#include <kstd/verify.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

OpenFile::OpenFile(DentryCache& dentries, Dentry* dentry, uint32_t open_flags)
    : flags(open_flags), m_dentries(dentries), m_dentry(dentry)
{
}

kstd::Result<OpenFile*> OpenFile::create(DentryCache& dentries, Dentry* dentry, uint32_t flags)
{
    OpenFile* file = mm::make<OpenFile>(dentries, dentry, flags);
    if (!file) {
        dentries.put(dentry);
        return kstd::Errno::OutOfMemory;
    }
    dentry->inode().opened(flags);
    if (file->counts_as_writer())
        dentry->inode().superblock().writer_opened();
    return file;
}

void OpenFile::put()
{
    VERIFY(m_references > 0);
    if (--m_references > 0)
        return;
    inode().closed(flags);
    if (counts_as_writer())
        inode().superblock().writer_closed();
    m_dentries.put(m_dentry);
    mm::destroy(this);
}

} // namespace fs
