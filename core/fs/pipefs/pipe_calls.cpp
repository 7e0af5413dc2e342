// pipefs's superblock, and Context::pipe: a Pipe, its anonymous dentry, a reading and a
// writing open file description, and two descriptors.
#include <fs/context.hpp>
#include <fs/pipefs/pipe.hpp>
#include <kstd/panic.hpp>
#include <mm/heap/kmalloc.hpp>
#include <sync/interrupt_guard.hpp>

#include <new>

namespace fs {

using kstd::Errno;
using kstd::Result;

namespace {
// In static storage: pipes outlive any one Vfs of the host tests, and the kernel's heap.
alignas(PipefsSuperblock) unsigned char g_pipefs_storage[sizeof(PipefsSuperblock)];
PipefsSuperblock* g_pipefs = nullptr;
} // namespace

PipefsSuperblock::PipefsSuperblock() : Superblock(allocate_device_number()) {}

Inode& PipefsSuperblock::root()
{
    PANIC("pipefs is never mounted");
}

PipefsSuperblock& pipefs()
{
    ksync::InterruptGuard guard;
    if (!g_pipefs)
        g_pipefs = new (g_pipefs_storage) PipefsSuperblock;
    return *g_pipefs;
}

Result<void> Context::pipe(int (&fds)[2], uint32_t flags)
{
    if (flags & ~(open_flags::CLOSE_ON_EXEC | open_flags::NON_BLOCK))
        return Errno::InvalidArgument;
    VfsLocker locked(m_vfs);
    int read_fd = TRY(free_descriptor(0));
    int write_fd = TRY(free_descriptor(read_fd + 1));
    PipefsSuperblock& superblock = pipefs();
    Pipe* pipe = mm::make<Pipe>(superblock, superblock.allocate_inode_number());
    if (!pipe)
        return Errno::OutOfMemory;
    Dentry* dentry = TRY(m_vfs.dentries().make_anonymous(pipe, "pipe:"));
    m_vfs.dentries().get(*dentry);
    uint32_t status = flags & open_flags::NON_BLOCK;
    auto reader = OpenFile::create(m_vfs.dentries(), dentry, open_flags::READ_ONLY | status);
    if (reader.is_error()) {
        m_vfs.dentries().put(dentry);
        return reader.release_error();
    }
    auto writer = OpenFile::create(m_vfs.dentries(), dentry, open_flags::WRITE_ONLY | status);
    if (writer.is_error()) {
        reader.value()->put();
        return writer.release_error();
    }
    bool close_on_exec = flags & open_flags::CLOSE_ON_EXEC;
    install_at(read_fd, reader.value(), close_on_exec);
    install_at(write_fd, writer.value(), close_on_exec);
    fds[0] = read_fd;
    fds[1] = write_fd;
    return {};
}

} // namespace fs
