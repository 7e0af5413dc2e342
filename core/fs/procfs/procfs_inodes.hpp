// procfs inside: its superblock, its root directory, the base class of its generated files,
// and what the root asks of the files about the system and of the thread folders.
//
// The root directory is a member of the superblock and lives as long as it. Every other
// inode is made on the heap by the lookup that finds it and freed with its last reference
// (the dentry cache keeps the ones in use), as Linux's procfs does.
//
// Inode numbers are fixed, so a file keeps its number however often it is made again: 1
// for the root, 2 onwards for the system files in their table's order, then /proc/self,
// and (id << 4) | part for a thread's directory (part 1) and status file (part 2) and a
// process's directory (part 3), files (parts 4 onwards) and fd directory (after them);
// the links in an fd directory have bit 62 set (proc_process_fds.cpp).
#pragma once
#include <fs/procfs/process_source.hpp>
#include <fs/procfs/procfs.hpp>
#include <fs/vfs.hpp>
#include <kstd/optional.hpp>

namespace fs {

namespace proc_inode {
inline constexpr uint64_t ROOT = 1;
inline constexpr uint64_t FIRST_SYSTEM_FILE = 2;
inline constexpr uint64_t THREAD_DIRECTORY_PART = 1;
inline constexpr uint64_t THREAD_STATUS_PART = 2;
inline constexpr uint64_t PROCESS_DIRECTORY_PART = 3;
inline constexpr uint64_t FIRST_PROCESS_FILE_PART = 4;
inline constexpr uint64_t of_thread(uint32_t id, uint64_t part)
{
    return static_cast<uint64_t>(id) << 4 | part;
}
} // namespace proc_inode

// A read-only file (mode 0444, size 0) whose whole text each read() generates.
class ProcGeneratedFile : public Inode {
public:
    ProcGeneratedFile(Superblock& superblock, uint64_t number);

    kstd::Result<size_t> read(uint64_t offset, kstd::Span<uint8_t> buffer) override;
    // EACCES: procfs files are read-only.
    kstd::Result<size_t> write(uint64_t offset, kstd::Span<const uint8_t> data) override;
    kstd::Result<void> truncate(uint64_t size) override;

protected:
    virtual kstd::Result<void> generate(kstd::Writer& out) const = 0;
};

// "/": the system files, "self", then one directory per process or thread in id order.
class ProcRoot final : public Inode {
public:
    explicit ProcRoot(Superblock& superblock);

    kstd::Result<Inode*> lookup(kstd::StringView name) override;
    kstd::Result<bool> read_directory(uint64_t& position, DirectoryEntry& entry) override;
};

class ProcfsSuperblock final : public Superblock {
public:
    explicit ProcfsSuperblock(Vfs& vfs);

    kstd::StringView type_name() const override { return "proc"; }
    uint64_t magic() const override { return 0x9fa0; } // PROC_SUPER_MAGIC
    Inode& root() override;

    Vfs& vfs() const { return m_vfs; }

private:
    Vfs& m_vfs;
    ProcRoot m_root;
};

ProcfsSuperblock& procfs_of(const Inode& inode);

// The system files (proc_system_files.cpp).
inline constexpr size_t PROC_SYSTEM_FILE_COUNT = 9;
// Their numbers and /proc/self's stay below the first thread's directory (id 1, part 1).
static_assert(proc_inode::FIRST_SYSTEM_FILE + PROC_SYSTEM_FILE_COUNT < proc_inode::of_thread(1, 0));
// The texts of the files about the CPU and the kernel (proc_statistics_files.cpp,
// proc_cpuinfo.cpp).
kstd::Result<void> generate_loadavg(Vfs& vfs, kstd::Writer& out);
kstd::Result<void> generate_stat(Vfs& vfs, kstd::Writer& out);
kstd::Result<void> generate_uptime(Vfs& vfs, kstd::Writer& out);
kstd::Result<void> generate_version(Vfs& vfs, kstd::Writer& out);
kstd::Result<void> generate_filesystems(Vfs& vfs, kstd::Writer& out);
kstd::Result<void> generate_cpuinfo(Vfs& vfs, kstd::Writer& out);
kstd::StringView proc_system_file_name(size_t index);
// A new inode for the system file `name`; ENOENT when there is none of that name.
kstd::Result<Inode*> make_proc_system_file(ProcfsSuperblock& superblock, kstd::StringView name);

// The thread folders (proc_threads.cpp).
// A new inode for the directory of live thread `id`; ENOENT when there is no such thread,
// or when `id` is a process's pid (its folder is the process's).
kstd::Result<Inode*> make_proc_thread_directory(ProcfsSuperblock& superblock, uint32_t id);
// The id of the live thread with the lowest id at or above `id`.
kstd::Optional<uint32_t> next_proc_thread_id(uint32_t id);
inline constexpr uint64_t proc_thread_directory_inode(uint32_t id)
{
    return proc_inode::of_thread(id, proc_inode::THREAD_DIRECTORY_PART);
}

// The process folders and /proc/self (proc_processes.cpp).
// Whether the registered process source knows a process with this pid.
bool is_proc_process(uint32_t pid);
inline constexpr kstd::StringView PROC_SELF_NAME = "self";
inline constexpr uint64_t PROC_SELF_INODE = proc_inode::FIRST_SYSTEM_FILE + PROC_SYSTEM_FILE_COUNT;
// /proc/self; ENOENT when no process source is registered.
kstd::Result<Inode*> make_proc_self(ProcfsSuperblock& superblock);
// A new inode for the directory `name` of a process or, failing that, of a live thread;
// ENOENT when `name` is the decimal id of neither.
kstd::Result<Inode*> make_proc_id_directory(ProcfsSuperblock& superblock, kstd::StringView name);
// Sets `entry` to the directory of the process or thread with the lowest id at or above
// `id` (one entry for a process and its thread of the same id), and returns that id.
kstd::Optional<uint32_t> read_proc_id_entry(uint32_t id, DirectoryEntry& entry);
// The id in `name` written the one way Linux accepts for /proc/<pid>: decimal, no
// leading zero.
kstd::Optional<uint32_t> proc_id_of(kstd::StringView name);

// A process's files, stat, status, cmdline and maps (proc_process_files.cpp).
inline constexpr size_t PROC_PROCESS_FILE_COUNT = 4;
kstd::StringView proc_process_file_name(size_t index);
// A new inode for the file `name` of process `pid`; ENOENT when there is none of that name.
kstd::Result<Inode*> make_proc_process_file(ProcfsSuperblock& superblock, uint32_t pid, kstd::StringView name);

// A process's descriptors, /proc/<pid>/fd (proc_process_fds.cpp), listed after its files.
static_assert(proc_inode::FIRST_PROCESS_FILE_PART + PROC_PROCESS_FILE_COUNT + 1 < 16);
inline constexpr kstd::StringView PROC_FD_NAME = "fd";
inline constexpr uint64_t proc_fd_directory_inode(uint32_t pid)
{
    return proc_inode::of_thread(pid, proc_inode::FIRST_PROCESS_FILE_PART + PROC_PROCESS_FILE_COUNT);
}
kstd::Result<Inode*> make_proc_fd_directory(ProcfsSuperblock& superblock, uint32_t pid);
// And its program, /proc/<pid>/exe (the same file), listed after fd.
inline constexpr kstd::StringView PROC_EXE_NAME = "exe";
inline constexpr uint64_t proc_exe_link_inode(uint32_t pid)
{
    return proc_fd_directory_inode(pid) + 1;
}
kstd::Result<Inode*> make_proc_exe_link(ProcfsSuperblock& superblock, uint32_t pid);

} // namespace fs
