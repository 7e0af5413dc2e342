// procfs inside: its superblock, its root directory, the base class of its generated files,
// and what the root asks of the files about the system and of the thread folders.
//
// The root directory is a member of the superblock and lives as long as it. Every other
// inode is made on the heap by the lookup that finds it and freed with its last reference
// (the dentry cache keeps the ones in use), as Linux's procfs does.
//
// Inode numbers are fixed, so a file keeps its number however often it is made again: 1
// for the root, 2 onwards for the system files in their table's order, and
// (thread id << 4) | part for a thread's directory (part 1) and status file (part 2).
#pragma once
#include <fs/procfs/procfs.hpp>
#include <fs/vfs.hpp>
#include <kstd/optional.hpp>

namespace fs {

namespace proc_inode {
inline constexpr uint64_t ROOT = 1;
inline constexpr uint64_t FIRST_SYSTEM_FILE = 2;
inline constexpr uint64_t THREAD_DIRECTORY_PART = 1;
inline constexpr uint64_t THREAD_STATUS_PART = 2;
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

// "/": the system files, then one directory per thread in id order.
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
    Inode& root() override;

    Vfs& vfs() const { return m_vfs; }

private:
    Vfs& m_vfs;
    ProcRoot m_root;
};

ProcfsSuperblock& procfs_of(const Inode& inode);

// The system files (proc_system_files.cpp).
inline constexpr size_t PROC_SYSTEM_FILE_COUNT = 4;
kstd::StringView proc_system_file_name(size_t index);
// A new inode for the system file `name`; ENOENT when there is none of that name.
kstd::Result<Inode*> make_proc_system_file(ProcfsSuperblock& superblock, kstd::StringView name);

// The thread folders (proc_threads.cpp).
// A new inode for the directory `name` of a live thread; ENOENT when `name` is not the
// decimal id of one.
kstd::Result<Inode*> make_proc_thread_directory(ProcfsSuperblock& superblock, kstd::StringView name);
// Sets `entry` to the directory of the live thread with the lowest id at or above `id`,
// and returns that id; nothing when there is none.
kstd::Optional<uint32_t> read_proc_thread_entry(uint32_t id, DirectoryEntry& entry);

} // namespace fs
