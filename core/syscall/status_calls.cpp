// System calls that report on file systems: statfs and fstatfs (what df and stat -f ask).
//
// struct statfs is Linux's x86_64 layout. f_type is the magic number of Linux's file
// system of the kind (Superblock::magic: RAMFS_MAGIC for ramfs, PROC_SUPER_MAGIC for
// proc, TMPFS_MAGIC for /dev as Linux's devtmpfs, PIPEFS_MAGIC for a pipe). The block
// figures are the superblock's: for a ramfs the pages it holds and what it may still take
// (its size= limit, else the free memory), as Linux's tmpfs reports them; zero for proc
// and devfs, as Linux's. Keel keeps no inode limit, so f_files and f_ffree are 0 (Linux's
// ramfs and proc say the same), and of the mount flags f_flags has ST_RDONLY, beside
// ST_VALID.
#include <fs/context.hpp>
#include <syscall/handler.hpp>
#include <syscall/user_path.hpp>

namespace syscalls {
namespace {

struct LinuxStatfs {
    int64_t type, block_size;
    uint64_t blocks, free_blocks, available_blocks, files, free_files;
    int32_t fsid[2];
    int64_t name_length, fragment_size, flags, spare[4];
};
static_assert(sizeof(LinuxStatfs) == 120);

constexpr int64_t ST_RDONLY = 0x1;
constexpr int64_t ST_VALID = 0x20;

Result write_statfs(uintptr_t address, const fs::FileSystemStatistics& figures)
{
    LinuxStatfs out {};
    out.type = int64_t(figures.magic);
    out.block_size = figures.block_size;
    out.blocks = figures.total_blocks;
    out.free_blocks = figures.free_blocks;
    out.available_blocks = figures.free_blocks;
    out.name_length = fs::NAME_LENGTH_MAX;
    out.fragment_size = figures.block_size;
    out.flags = ST_VALID | (figures.read_only ? ST_RDONLY : 0);
    TRY(proc::write_user(address, out));
    return 0;
}

Result statfs_call(Call& call)
{
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(call.argument(0)));
    return write_statfs(call.argument(1), TRY(call.process().files->statfs(name)));
}

Result fstatfs_call(Call& call)
{
    return write_statfs(call.argument(1), TRY(call.process().files->fstatfs(call.int_argument(0))));
}

} // namespace

void register_status_calls(Entry* table)
{
    ADD_CALL(table, statfs);
    ADD_CALL(table, fstatfs);
}

} // namespace syscalls
