// procfs: a process's links. /proc/<pid>/exe reads its program's absolute path.
// /proc/<pid>/fd is a directory (mode 0500) with one symbolic link per open
// descriptor of the process, named by its number, whose target is what Linux's reads:
// the file's absolute path ("/tmp/x", "/dev/console") or "pipe:[INODE]" for a pipe. The
// link's mode tells the access as Linux's does: lr-x for reading, l-wx for writing, lrwx
// for both. (Linux also lets open() go through such a link to the open file itself, even
// a pipe's or a deleted file's; Keel's path walk follows the text, so that works for a
// file that still has its name.)
//
// Everything is asked of the ProcessSource (process_source.hpp) at each lookup, readdir
// and readlink, under the Vfs's lock; a link whose descriptor has been closed, or whose
// process has gone, says so through still_valid() and leaves the dentry cache.
#include <fs/procfs/procfs_inodes.hpp>
#include <kstd/window_writer.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

namespace {

// The links' numbers, apart from those of the thread and process folders: bit 62, then
// the pid above the descriptor.
uint64_t link_inode(uint32_t pid, int fd)
{
    return uint64_t(1) << 62 | uint64_t(pid) << 16 | uint64_t(fd);
}

kstd::Optional<ProcDescriptor> find_descriptor(uint32_t pid, int fd)
{
    ProcessSource* source = process_source();
    if (!source)
        return {};
    auto found = source->next_descriptor(pid, fd);
    if (!found || found.value().fd != fd)
        return {};
    return found;
}

Mode link_permissions(uint32_t access_mode)
{
    switch (access_mode) {
    case open_flags::READ_ONLY:
        return 0500;
    case open_flags::WRITE_ONLY:
        return 0300;
    default:
        return 0700;
    }
}

class ProcFdLink final : public Inode {
public:
    ProcFdLink(Superblock& superblock, uint32_t pid, const ProcDescriptor& descriptor)
        : Inode(superblock, link_inode(pid, descriptor.fd), mode::SYMLINK | link_permissions(descriptor.access_mode))
        , m_pid(pid)
        , m_fd(descriptor.fd)
    {
    }

    bool still_valid() const override { return find_descriptor(m_pid, m_fd).has_value(); }

    Result<size_t> read_link(kstd::Span<char> buffer) override
    {
        // readlink's way: as much as fits, no terminator.
        ProcessSource* source = process_source();
        kstd::WindowWriter out(0, { reinterpret_cast<uint8_t*>(buffer.data()), buffer.size() });
        if (!source || !source->describe_descriptor(m_pid, m_fd, out))
            return Errno::NoSuchEntry;
        return out.kept();
    }

private:
    uint32_t m_pid;
    int m_fd;
};

// /proc/<pid>/exe: the absolute path of the process's program; ENOENT for the kernel
// process and a zombie, which have none (as Linux's kernel threads and zombies).
class ProcExeLink final : public Inode {
public:
    ProcExeLink(Superblock& superblock, uint32_t pid)
        : Inode(superblock, proc_exe_link_inode(pid), mode::SYMLINK | 0777), m_pid(pid)
    {
    }

    bool still_valid() const override { return is_proc_process(m_pid); }

    Result<size_t> read_link(kstd::Span<char> buffer) override
    {
        ProcessSource* source = process_source();
        auto length = source ? source->executable_path(m_pid, buffer) : kstd::Optional<size_t>();
        if (!length || length.value() == 0)
            return Errno::NoSuchEntry;
        return length.value();
    }

private:
    uint32_t m_pid;
};

class ProcFdDirectory final : public Inode {
public:
    ProcFdDirectory(Superblock& superblock, uint32_t pid)
        : Inode(superblock, proc_fd_directory_inode(pid), mode::DIRECTORY | 0500), m_pid(pid)
    {
    }

    bool still_valid() const override { return is_proc_process(m_pid); }

    Result<Inode*> lookup(StringView name) override
    {
        if (!still_valid())
            return Errno::NoSuchEntry;
        auto fd = proc_id_of(name); // decimal without a leading zero, as Linux's
        if (name == "0")
            fd = 0u;
        if (!fd || fd.value() > uint32_t(INT32_MAX))
            return Errno::NoSuchEntry;
        auto descriptor = find_descriptor(m_pid, int(fd.value()));
        if (!descriptor)
            return Errno::NoSuchEntry;
        Inode* link = mm::make<ProcFdLink>(superblock(), m_pid, descriptor.value());
        if (!link)
            return Errno::OutOfMemory;
        return link;
    }

    Result<bool> read_directory(uint64_t& position, DirectoryEntry& entry) override
    {
        if (!still_valid())
            return Errno::NoSuchEntry;
        ProcessSource* source = process_source();
        if (!source || position > uint64_t(INT32_MAX))
            return false;
        auto found = source->next_descriptor(m_pid, int(position));
        if (!found)
            return false;
        kstd::FixedString<12> name;
        kstd::format_to(name, "{}", found.value().fd);
        entry.set(link_inode(m_pid, found.value().fd), FileType::Symlink, name.view());
        position = uint64_t(found.value().fd) + 1;
        return true;
    }

private:
    uint32_t m_pid;
};

} // namespace

Result<Inode*> make_proc_exe_link(ProcfsSuperblock& superblock, uint32_t pid)
{
    Inode* link = mm::make<ProcExeLink>(superblock, pid);
    if (!link)
        return Errno::OutOfMemory;
    return link;
}

Result<Inode*> make_proc_fd_directory(ProcfsSuperblock& superblock, uint32_t pid)
{
    Inode* directory = mm::make<ProcFdDirectory>(superblock, pid);
    if (!directory)
        return Errno::OutOfMemory;
    return directory;
}

} // namespace fs
