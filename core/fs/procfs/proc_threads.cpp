// procfs: one directory per kernel thread, named by its id, holding its `status` file.
// A process's thread has the process's pid as its id, and its folder is the process's
// (proc_processes.cpp).
//
// Threads are found through sched::find_thread_from, one at a time, so neither a lookup
// nor a readdir copies the whole thread list. A thread directory or status file that was
// made for a thread now gone says so through still_valid(), and the dentry cache drops it;
// a status file still open then reads ESRCH and the directory lists nothing more (ENOENT,
// as Linux's readdir of a dead process's directory).
#include <fs/procfs/procfs_inodes.hpp>
#include <mm/heap/kmalloc.hpp>
#include <sched/thread.hpp>
#include <time/tick.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

namespace {

constexpr StringView STATUS_NAME = "status";

uint64_t directory_inode(uint32_t id)
{
    return proc_thread_directory_inode(id);
}

uint64_t status_inode(uint32_t id)
{
    return proc_inode::of_thread(id, proc_inode::THREAD_STATUS_PART);
}

kstd::Optional<sched::ThreadInfo> find_thread(uint32_t id)
{
    auto found = sched::find_thread_from(id);
    if (found && found.value().id == id)
        return found;
    return {};
}

// Whether the folder of thread `id` is still a thread folder: the thread lives and its id
// has not become a process's pid (a process is listed once its first thread runs).
bool is_thread_folder(uint32_t id)
{
    return find_thread(id).has_value() && !is_proc_process(id);
}

// Linux's one-letter state and its word: ready and running threads are both "R".
StringView state_letter(sched::ThreadState state)
{
    switch (state) {
    case sched::ThreadState::Ready:
    case sched::ThreadState::Running:
        return "R";
    case sched::ThreadState::Blocked:
        return "S";
    case sched::ThreadState::Exited:
        break;
    }
    return "Z";
}

class ProcThreadStatus final : public ProcGeneratedFile {
public:
    ProcThreadStatus(Superblock& superblock, uint32_t id)
        : ProcGeneratedFile(superblock, status_inode(id)), m_id(id)
    {
    }

    bool still_valid() const override { return find_thread(m_id).has_value(); }

protected:
    Result<void> generate(kstd::Writer& out) const override
    {
        auto found = find_thread(m_id);
        if (!found)
            return Errno::NoSuchProcess;
        const sched::ThreadInfo& thread = found.value();
        constexpr uint64_t TICK_NS = 1'000'000'000 / ktime::TICK_HZ;
        kstd::format_to(out, "Name:\t{}\nState:\t{} ({})\nTid:\t{}\n", thread.name.view(),
                        state_letter(thread.state), sched::thread_state_name(thread.state), thread.id);
        kstd::format_to(out, "Priority:\t{}\nCpuTicks:\t{}\nKillable:\t{}\n", thread.base_priority,
                        thread.cpu_time_ns / TICK_NS, thread.killable ? "yes" : "no");
        return {};
    }

private:
    uint32_t m_id;
};

class ProcThreadDirectory final : public Inode {
public:
    ProcThreadDirectory(Superblock& superblock, uint32_t id)
        : Inode(superblock, directory_inode(id), mode::DIRECTORY | 0555), m_id(id)
    {
    }

    bool still_valid() const override { return is_thread_folder(m_id); }

    Result<Inode*> lookup(StringView name) override
    {
        if (name != STATUS_NAME || !still_valid())
            return Errno::NoSuchEntry;
        Inode* status = mm::make<ProcThreadStatus>(superblock(), m_id);
        if (!status)
            return Errno::OutOfMemory;
        return status;
    }

    Result<bool> read_directory(uint64_t& position, DirectoryEntry& entry) override
    {
        if (!still_valid())
            return Errno::NoSuchEntry;
        if (position > 0)
            return false;
        entry.set(status_inode(m_id), FileType::Regular, STATUS_NAME);
        position = 1;
        return true;
    }

private:
    uint32_t m_id;
};

} // namespace

Result<Inode*> make_proc_thread_directory(ProcfsSuperblock& superblock, uint32_t id)
{
    if (!is_thread_folder(id))
        return Errno::NoSuchEntry;
    Inode* directory = mm::make<ProcThreadDirectory>(superblock, id);
    if (!directory)
        return Errno::OutOfMemory;
    return directory;
}

kstd::Optional<uint32_t> next_proc_thread_id(uint32_t id)
{
    auto found = sched::find_thread_from(id);
    if (!found)
        return {};
    return found.value().id;
}

} // namespace fs
