// procfs: one directory per thread, named by its id, holding its `status` file.
//
// Threads are found through sched::find_thread_from, one at a time, so neither a lookup
// nor a readdir copies the whole thread list. A thread directory or status file that was
// made for a thread now gone says so through still_valid(), and the dentry cache drops it;
// a status file still open then reads ESRCH and the directory lists nothing more (ENOENT,
// as Linux's readdir of a dead process's directory).
#include <fs/procfs/procfs_inodes.hpp>
#include <kstd/parse_number.hpp>
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
    return proc_inode::of_thread(id, proc_inode::THREAD_DIRECTORY_PART);
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

    bool still_valid() const override { return find_thread(m_id).has_value(); }

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

// A thread id written the one way Linux accepts for /proc/<pid>: decimal, no leading zero.
kstd::Optional<uint32_t> thread_id_of(StringView name)
{
    if (name.size() > 1 && name[0] == '0')
        return {};
    auto id = kstd::parse_unsigned(name, UINT32_MAX);
    if (!id)
        return {};
    return static_cast<uint32_t>(id.value());
}

} // namespace

Result<Inode*> make_proc_thread_directory(ProcfsSuperblock& superblock, StringView name)
{
    auto id = thread_id_of(name);
    if (!id || !find_thread(id.value()))
        return Errno::NoSuchEntry;
    Inode* directory = mm::make<ProcThreadDirectory>(superblock, id.value());
    if (!directory)
        return Errno::OutOfMemory;
    return directory;
}

kstd::Optional<uint32_t> read_proc_thread_entry(uint32_t id, DirectoryEntry& entry)
{
    auto found = sched::find_thread_from(id);
    if (!found)
        return {};
    uint32_t found_id = found.value().id;
    kstd::FixedString<10> name;
    kstd::format_to(name, "{}", found_id);
    entry.set(directory_inode(found_id), FileType::Directory, name.view());
    return found_id;
}

} // namespace fs
