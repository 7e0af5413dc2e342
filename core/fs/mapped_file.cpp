// MappedFile (see mapped_file.hpp).
#include <fs/mapped_file.hpp>
#include <fs/vfs.hpp>
#include <mm/heap/kmalloc.hpp>
#include <sync/interrupt_guard.hpp>

namespace fs {

MappedFile::MappedFile(Vfs& vfs, OpenFile& file) : m_vfs(vfs), m_file(file)
{
    kstd::BufferWriter out(m_path, sizeof m_path);
    bool named = !write_path(vfs.root(), file.dentry(), out).is_error() && !out.truncated();
    m_path_length = named ? out.view().size() : 0;
}

kstd::Result<MappedFile*> MappedFile::create(Context& files, int fd, bool for_shared_writing)
{
    VfsLocker locked(files.vfs());
    OpenFile* file = TRY(files.open_file(fd));
    if (!file->can_read() || (for_shared_writing && !file->can_write()))
        return kstd::Errno::PermissionDenied;
    if (file->inode().type() != FileType::Regular)
        return kstd::Errno::NoSuchDevice;
    auto* mapped = mm::make<MappedFile>(files.vfs(), *file);
    if (!mapped)
        return kstd::Errno::OutOfMemory;
    file->get();
    return mapped;
}

kstd::Result<void> MappedFile::read_page(uint64_t offset, void* page)
{
    auto* bytes = static_cast<uint8_t*>(page);
    VfsLocker locked(m_vfs);
    if (offset >= m_file.inode().size())
        return kstd::Errno::BadAddress;
    size_t done = 0;
    while (done < mm::PAGE_SIZE) {
        size_t count = TRY(m_file.inode().read(offset + done, { bytes + done, mm::PAGE_SIZE - done }));
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
        m_file.put();
    }
    mm::destroy(this);
}

void MappedFile::describe(uint64_t& device, uint64_t& inode, kstd::StringView& path) const
{
    Stat status = m_file.inode().stat();
    device = status.device;
    inode = status.inode;
    path = { m_path, m_path_length };
}

} // namespace fs
