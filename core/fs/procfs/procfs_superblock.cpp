// procfs: the superblock, the root directory, reading a generated file, and making a
// mount (see procfs.hpp).
#include <fs/kernel_fs.hpp>
#include <fs/procfs/procfs_inodes.hpp>
#include <kstd/window_writer.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

ProcGeneratedFile::ProcGeneratedFile(Superblock& superblock, uint64_t number)
    : Inode(superblock, number, mode::REGULAR | 0444)
{
}

Result<size_t> ProcGeneratedFile::read(uint64_t offset, kstd::Span<uint8_t> buffer)
{
    kstd::WindowWriter out(offset, buffer);
    TRY(generate(out));
    return out.kept();
}

Result<size_t> ProcGeneratedFile::write(uint64_t, kstd::Span<const uint8_t>)
{
    return Errno::PermissionDenied;
}

Result<void> ProcGeneratedFile::truncate(uint64_t)
{
    return Errno::PermissionDenied;
}

ProcRoot::ProcRoot(Superblock& superblock)
    : Inode(superblock, proc_inode::ROOT, mode::DIRECTORY | 0555)
{
}

Result<Inode*> ProcRoot::lookup(StringView name)
{
    auto file = make_proc_system_file(procfs_of(*this), name);
    if (!file.is_error() || file.error().code() != Errno::NoSuchEntry)
        return file;
    if (name == PROC_SELF_NAME)
        return make_proc_self(procfs_of(*this));
    return make_proc_id_directory(procfs_of(*this), name);
}

Result<bool> ProcRoot::read_directory(uint64_t& position, DirectoryEntry& entry)
{
    if (position < PROC_SYSTEM_FILE_COUNT) {
        uint64_t number = proc_inode::FIRST_SYSTEM_FILE + position;
        entry.set(number, FileType::Regular, proc_system_file_name(position));
        ++position;
        return true;
    }
    // "self" (when there are processes) comes next, at PROC_SYSTEM_FILE_COUNT; then the
    // process or thread with id N sits at position FIRST_ID_POSITION + N, so a position
    // stays right however many come and go before it.
    constexpr uint64_t FIRST_ID_POSITION = PROC_SYSTEM_FILE_COUNT + 1;
    if (position == PROC_SYSTEM_FILE_COUNT) {
        position = FIRST_ID_POSITION;
        if (process_source()) {
            entry.set(PROC_SELF_INODE, FileType::Symlink, PROC_SELF_NAME);
            return true;
        }
    }
    uint64_t first_id = position - FIRST_ID_POSITION;
    if (first_id > UINT32_MAX)
        return false;
    auto found = read_proc_id_entry(static_cast<uint32_t>(first_id), entry);
    if (!found)
        return false;
    position = FIRST_ID_POSITION + static_cast<uint64_t>(found.value()) + 1;
    return true;
}

ProcfsSuperblock::ProcfsSuperblock(Vfs& vfs)
    : Superblock(allocate_device_number()), m_vfs(vfs), m_root(*this)
{
}

Inode& ProcfsSuperblock::root()
{
    m_root.get();
    return m_root;
}

ProcfsSuperblock& procfs_of(const Inode& inode)
{
    return static_cast<ProcfsSuperblock&>(inode.superblock());
}

Result<Superblock*> make_procfs(Vfs& vfs)
{
    ProcfsSuperblock* superblock = mm::make<ProcfsSuperblock>(vfs);
    if (!superblock)
        return Errno::OutOfMemory;
    return superblock;
}

Result<Superblock*> mount_procfs(StringView, StringView options)
{
    TRY(refuse_mount_options(options));
    return make_procfs(kernel_vfs());
}

} // namespace fs
