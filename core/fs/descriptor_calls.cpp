// Context: the descriptor table and the calls on it alone (close, dup, dup2, dup3, fcntl,
// fork, close_on_exec), with Linux's errno values and their order: a descriptor that is
// not open is EBADF before any argument is looked at.
#include <fs/context.hpp>
#include <fs/poll.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;

Context::Context(Vfs& vfs) : m_vfs(vfs), m_root(&vfs.root()), m_current_directory(&vfs.root())
{
    vfs.dentries().get(*m_root);
    vfs.dentries().get(*m_current_directory);
}

Context::~Context()
{
    VfsLocker locked(m_vfs);
    for (int fd = 0; fd < OPEN_MAX; ++fd) {
        if (m_descriptors[fd].file)
            release(fd);
    }
    m_vfs.dentries().put(m_current_directory);
    m_vfs.dentries().put(m_root);
}

Result<OpenFile*> Context::file(int fd) const
{
    if (fd < 0 || fd >= OPEN_MAX || !m_descriptors[fd].file)
        return Errno::BadFileDescriptor;
    return m_descriptors[fd].file;
}

uint32_t Context::poll_events(int fd)
{
    VfsLocker locked(m_vfs);
    auto open_file = file(fd);
    if (open_file.is_error())
        return poll_bits::INVALID;
    return open_file.value()->inode().poll_events(open_file.value()->flags);
}

int Context::open_count() const
{
    int count = 0;
    for (const Descriptor& descriptor : m_descriptors)
        count += descriptor.file != nullptr;
    return count;
}

Result<int> Context::free_descriptor(int lowest) const
{
    for (int fd = lowest < 0 ? 0 : lowest; fd < OPEN_MAX; ++fd) {
        if (!m_descriptors[fd].file)
            return fd;
    }
    return Errno::TooManyOpenFiles;
}

Result<int> Context::install(OpenFile* file, int lowest, bool close_on_exec)
{
    auto fd = free_descriptor(lowest);
    if (fd.is_error()) {
        file->put();
        return fd.release_error();
    }
    m_descriptors[fd.value()] = { file, close_on_exec };
    return fd.value();
}

void Context::install_at(int fd, OpenFile* file, bool close_on_exec)
{
    OpenFile* replaced = m_descriptors[fd].file;
    m_descriptors[fd] = { file, close_on_exec };
    if (replaced)
        replaced->put();
}

void Context::release(int fd)
{
    OpenFile* file = m_descriptors[fd].file;
    m_descriptors[fd] = {};
    file->put();
}

Result<void> Context::close(int fd)
{
    VfsLocker locked(m_vfs);
    TRY(file(fd));
    release(fd);
    return {};
}

Result<Context*> Context::fork()
{
    VfsLocker locked(m_vfs);
    Context* child = mm::make<Context>(m_vfs);
    if (!child)
        return Errno::OutOfMemory;
    m_vfs.dentries().get(*m_root);
    m_vfs.dentries().get(*m_current_directory);
    m_vfs.dentries().put(child->m_root);
    m_vfs.dentries().put(child->m_current_directory);
    child->m_root = m_root;
    child->m_current_directory = m_current_directory;
    child->m_umask = m_umask;
    for (int fd = 0; fd < OPEN_MAX; ++fd) {
        if (OpenFile* file = m_descriptors[fd].file) {
            file->get();
            child->m_descriptors[fd] = m_descriptors[fd];
        }
    }
    return child;
}

void Context::close_on_exec()
{
    VfsLocker locked(m_vfs);
    for (int fd = 0; fd < OPEN_MAX; ++fd) {
        if (m_descriptors[fd].file && m_descriptors[fd].close_on_exec)
            release(fd);
    }
}

Result<int> Context::dup(int fd)
{
    return fcntl(fd, fcntl_commands::DUPLICATE, 0);
}

Result<int> Context::dup2(int old_fd, int new_fd)
{
    if (old_fd == new_fd) {
        VfsLocker locked(m_vfs);
        TRY(file(old_fd));
        return new_fd;
    }
    return dup3(old_fd, new_fd, 0);
}

Result<int> Context::dup3(int old_fd, int new_fd, uint32_t flags)
{
    if ((flags & ~open_flags::CLOSE_ON_EXEC) || old_fd == new_fd)
        return Errno::InvalidArgument;
    if (new_fd < 0 || new_fd >= OPEN_MAX)
        return Errno::BadFileDescriptor;
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(old_fd));
    open_file->get();
    install_at(new_fd, open_file, flags & open_flags::CLOSE_ON_EXEC);
    return new_fd;
}

Result<int> Context::fcntl(int fd, int command, uint64_t argument)
{
    using namespace fcntl_commands;
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    switch (command) {
    case DUPLICATE:
    case DUPLICATE_CLOSE_ON_EXEC: {
        // Linux reads the argument as an int, then takes it unsigned.
        uint32_t lowest = static_cast<uint32_t>(argument);
        if (lowest >= OPEN_MAX)
            return Errno::InvalidArgument;
        open_file->get();
        return install(open_file, static_cast<int>(lowest), command == DUPLICATE_CLOSE_ON_EXEC);
    }
    case GET_DESCRIPTOR_FLAGS:
        return m_descriptors[fd].close_on_exec ? DESCRIPTOR_CLOSE_ON_EXEC : 0;
    case SET_DESCRIPTOR_FLAGS:
        m_descriptors[fd].close_on_exec = argument & DESCRIPTOR_CLOSE_ON_EXEC;
        return 0;
    case GET_STATUS_FLAGS:
        return static_cast<int>(open_file->flags);
    case SET_STATUS_FLAGS:
        open_file->flags = (static_cast<uint32_t>(argument) & open_flags::CHANGEABLE)
            | (open_file->flags & ~open_flags::CHANGEABLE);
        return 0;
    default:
        return Errno::InvalidArgument;
    }
}

} // namespace fs
