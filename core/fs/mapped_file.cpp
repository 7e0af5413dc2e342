// MappedFile (see mapped_file.hpp).
#include <fs/mapped_file.hpp>
#include <fs/vfs.hpp>
#include <mm/heap/kmalloc.hpp>
#include <sync/interrupt_guard.hpp>

namespace fs {

MappedFile::MappedFile(Vfs& vfs, Dentry& dentry) : m_vfs(vfs), m_dentry(dentry)
{
    kstd::BufferWriter out(m_path, sizeof m_path);
    bool named = !write_path(vfs.root(), dentry, out).is_error() && !out.truncated();
    m_path_length = named ? out.view().size() : 0;
}

kstd::Result<MappedFile*> MappedFile::create(Context& files, int fd)
{
    VfsLocker locked(files.vfs());
    OpenFile* file = TRY(files.open_file(fd));
    if (!file->can_read())
        return kstd::Errno::PermissionDenied;
    if (file->inode().type() != FileType::Regular)
        return kstd::Errno::NoSuchDevice;
    files.vfs().dentries().get(*file->dentry);
    auto* mapped = mm::make<MappedFile>(files.vfs(), *file->dentry);
    if (!mapped) {
        files.vfs().dentries().put(file->dentry);
        return kstd::Errno::OutOfMemory;
    }
    return mapped;
}

kstd::Result<void> MappedFile::read_page(uint64_t offset, void* page)
{
    auto* bytes = static_cast<uint8_t*>(page);
    VfsLocker locked(m_vfs);
    size_t done = 0;
    while (done < mm::PAGE_SIZE) {
        size_t count = TRY(m_dentry.inode().read(offset + done, { bytes + done, mm::PAGE_SIZE - done }));
        if (count == 0)
            break;
        done += count;
    }
    __builtin_memset(bytes + done, 0, mm::PAGE_SIZE - done);
    return {};
}

void MappedFile::retain()
{
    ksync::InterruptGuard guard;
    ++m_count;
}

void MappedFile::release()
{
    {
        ksync::InterruptGuard guard;
        if (--m_count > 0)
            return;
    }
    {
        VfsLocker locked(m_vfs);
        m_vfs.dentries().put(&m_dentry);
    }
    mm::destroy(this);
}

void MappedFile::describe(uint64_t& device, uint64_t& inode, kstd::StringView& path) const
{
    Stat status = m_dentry.inode().stat();
    device = status.device;
    inode = status.inode;
    path = { m_path, m_path_length };
}

} // namespace fs
