// procfs: the folders named by id and /proc/self. An id that is a process's pid names the
// process's folder (stat, status, cmdline, maps, fd/, exe); any other live thread's id names that
// thread's folder (proc_threads.cpp). The root lists both kinds in one increasing
// sequence, a process and its thread of the same id once.
//
// What a process is comes from the ProcessSource core/proc registers (process_source.hpp).
// A process folder made for a process that has since been reaped says so through
// still_valid(), and the dentry cache drops it; its files then read ESRCH.
#include <fs/procfs/procfs_inodes.hpp>
#include <kstd/parse_number.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

namespace {

ProcessSource* g_source = nullptr;

uint64_t process_directory_inode(uint32_t pid)
{
    return proc_inode::of_thread(pid, proc_inode::PROCESS_DIRECTORY_PART);
}

// /proc/self: a link to the caller's process folder, "42", made anew at each readlink.
class ProcSelf final : public Inode {
public:
    explicit ProcSelf(Superblock& superblock)
        : Inode(superblock, PROC_SELF_INODE, mode::SYMLINK | 0777)
    {
    }

    bool still_valid() const override { return g_source != nullptr; }

    Result<size_t> read_link(kstd::Span<char> buffer) override
    {
        if (!g_source)
            return Errno::NoSuchEntry;
        kstd::FixedString<10> target;
        kstd::format_to(target, "{}", g_source->caller_pid());
        size_t length = target.length() < buffer.size() ? target.length() : buffer.size();
        __builtin_memcpy(buffer.data(), target.c_str(), length);
        return length;
    }
};

class ProcProcessDirectory final : public Inode {
public:
    ProcProcessDirectory(Superblock& superblock, uint32_t pid)
        : Inode(superblock, process_directory_inode(pid), mode::DIRECTORY | 0555), m_pid(pid)
    {
    }

    bool still_valid() const override { return is_proc_process(m_pid); }

    Result<Inode*> lookup(StringView name) override
    {
        if (!still_valid())
            return Errno::NoSuchEntry;
        if (name == PROC_FD_NAME)
            return make_proc_fd_directory(procfs_of(*this), m_pid);
        if (name == PROC_EXE_NAME)
            return make_proc_exe_link(procfs_of(*this), m_pid);
        return make_proc_process_file(procfs_of(*this), m_pid, name);
    }

    Result<bool> read_directory(uint64_t& position, DirectoryEntry& entry) override
    {
        if (!still_valid())
            return Errno::NoSuchEntry;
        if (position == PROC_PROCESS_FILE_COUNT) {
            entry.set(proc_fd_directory_inode(m_pid), FileType::Directory, PROC_FD_NAME);
            ++position;
            return true;
        }
        if (position == PROC_PROCESS_FILE_COUNT + 1) {
            entry.set(proc_exe_link_inode(m_pid), FileType::Symlink, PROC_EXE_NAME);
            ++position;
            return true;
        }
        if (position > PROC_PROCESS_FILE_COUNT + 1)
            return false;
        entry.set(proc_inode::of_thread(m_pid, proc_inode::FIRST_PROCESS_FILE_PART + position),
                  FileType::Regular, proc_process_file_name(position));
        ++position;
        return true;
    }

private:
    uint32_t m_pid;
};

} // namespace

void set_process_source(ProcessSource* source)
{
    g_source = source;
}

ProcessSource* process_source()
{
    return g_source;
}

bool is_proc_process(uint32_t pid)
{
    // next_pid is the cheap question (process() gathers the whole snapshot).
    if (!g_source)
        return false;
    auto found = g_source->next_pid(pid);
    return found && found.value() == pid;
}

kstd::Optional<uint32_t> proc_id_of(StringView name)
{
    if (name.size() > 1 && name[0] == '0')
        return {};
    auto id = kstd::parse_unsigned(name, UINT32_MAX);
    if (!id)
        return {};
    return static_cast<uint32_t>(id.value());
}

Result<Inode*> make_proc_self(ProcfsSuperblock& superblock)
{
    if (!g_source)
        return Errno::NoSuchEntry;
    Inode* self = mm::make<ProcSelf>(superblock);
    if (!self)
        return Errno::OutOfMemory;
    return self;
}

Result<Inode*> make_proc_id_directory(ProcfsSuperblock& superblock, StringView name)
{
    auto id = proc_id_of(name);
    if (!id)
        return Errno::NoSuchEntry;
    if (!is_proc_process(id.value()))
        return make_proc_thread_directory(superblock, id.value());
    Inode* directory = mm::make<ProcProcessDirectory>(superblock, id.value());
    if (!directory)
        return Errno::OutOfMemory;
    return directory;
}

kstd::Optional<uint32_t> read_proc_id_entry(uint32_t id, DirectoryEntry& entry)
{
    auto thread = next_proc_thread_id(id);
    kstd::Optional<uint32_t> process;
    if (g_source)
        process = g_source->next_pid(id);
    if (!thread && !process)
        return {};
    uint32_t found;
    uint64_t inode;
    if (process && (!thread || process.value() <= thread.value())) {
        found = process.value();
        inode = process_directory_inode(found);
    } else {
        found = thread.value();
        inode = proc_thread_directory_inode(found);
    }
    kstd::FixedString<10> name;
    kstd::format_to(name, "{}", found);
    entry.set(inode, FileType::Directory, name.view());
    return found;
}

} // namespace fs
