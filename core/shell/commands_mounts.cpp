// mount, umount and df: the mounted file systems.
//
// `mount` alone lists them as mount(8) does ("proc on /proc type proc (rw)"), oldest
// first; `mount -t TYPE [-o OPTIONS] SOURCE DIRECTORY` mounts a new one (the types are
// those the kernel registered: ramfs, proc, devfs; OPTIONS go to the type, e.g. ramfs's
// size=16m, and one it does not know is an error); `umount DIRECTORY` unmounts the one
// mounted there, when nothing in it is in use. `df` gives each one's size, use and
// free space in 1K-blocks from its superblock's statistics (for ramfs, its size limit),
// with "-" for the use of a file system that has no blocks (proc, devfs).
//
// A mount's figures are copied out under the VFS lock, one mount at a time, and printed
// after it is released: output may be going to a file in this very tree, whose write
// takes the same lock.
#include <fs/superblock.hpp>
#include <shell/commands.hpp>
#include <shell/file_support.hpp>
#include <shell/shell.hpp>

namespace shell {

namespace {

struct MountRow {
    kstd::FixedString<63> source;
    kstd::FixedString<31> type;
    fs::FileSystemStatistics statistics;
};

// The figures of mount number `index` (in mount order) into `row`, its mount point's path
// into `directory`; false past the last mount. An unmount between two calls shifts the
// indexes, so a listing may then miss a row, as a read of /proc/mounts in pieces may.
kstd::Result<bool> read_mount(fs::Vfs& vfs, size_t index, MountRow& row, PathBuffer& directory)
{
    fs::VfsLocker locked(vfs);
    size_t at = 0;
    for (const fs::Mount& mount : vfs.mounts()) {
        if (at++ != index)
            continue;
        row.source.clear();
        row.source.write(mount.source.view());
        row.type.clear();
        row.type.write(mount.superblock->type_name());
        row.statistics = mount.superblock->statistics();
        directory.set_length(0);
        if (mount.mountpoint)
            TRY(fs::write_path(vfs.root(), *mount.mountpoint, directory));
        else
            directory.write("/");
        return true;
    }
    return false;
}

// Calls `print(row, directory)` for every mount; false (after complaining) on an error.
template<typename Print>
bool for_each_mount(Shell& shell, fs::Context& files, kstd::StringView command, Print print)
{
    auto directory = PathBuffer::create();
    if (directory.is_error()) {
        shell.error("{}: {}", command, directory.error().description());
        return false;
    }
    MountRow row;
    for (size_t index = 0;; ++index) {
        auto found = read_mount(files.vfs(), index, row, directory.value());
        if (found.is_error()) {
            shell.error("{}: {}", command, found.error().description());
            return false;
        }
        if (!found.value())
            return true;
        print(row, directory.value().view());
    }
}

uint64_t kibibytes(uint64_t blocks, uint32_t block_size)
{
    return blocks * block_size / 1024;
}

} // namespace

int command_mount(Shell& shell, const Arguments& arguments)
{
    fs::Context* files = files_of(shell, "mount");
    if (!files)
        return STATUS_FAILURE;
    if (arguments.count() == 1) {
        bool listed =
            for_each_mount(shell, *files, "mount", [&](const MountRow& row, kstd::StringView directory) {
                shell.println("{} on {} type {} (rw)", row.source.view(), directory, row.type.view());
            });
        return listed ? STATUS_OK : STATUS_FAILURE;
    }
    // -t TYPE and -o OPTIONS, in either order, then SOURCE and DIRECTORY.
    kstd::StringView type;
    kstd::StringView options;
    bool has_type = false;
    bool has_options = false;
    size_t at = 1;
    for (; at + 1 < arguments.count(); at += 2) {
        if (arguments[at] == "-t" && !has_type) {
            type = arguments[at + 1];
            has_type = true;
        } else if (arguments[at] == "-o" && !has_options) {
            options = arguments[at + 1];
            has_options = true;
        } else {
            break;
        }
    }
    if (!has_type || arguments.count() != at + 2) {
        print_usage(*find_command("mount"));
        return STATUS_USAGE;
    }
    kstd::StringView directory = arguments[at + 1];
    if (auto mounted = files->mount(type, arguments[at], directory, options); mounted.is_error()) {
        const kstd::Error& error = mounted.error();
        if (error.code() == kstd::Errno::NoSuchDevice)
            shell.error("mount: unknown filesystem type '{}'", type);
        else if (error.code() == kstd::Errno::InvalidArgument && !error.detail().empty())
            shell.error("mount: {}: -o {}: {}", directory, options, error.detail());
        else
            shell.error("mount: {}: {}", directory, error.description());
        return STATUS_FAILURE;
    }
    return STATUS_OK;
}

int command_umount(Shell& shell, const Arguments& arguments)
{
    if (arguments.count() != 2) {
        print_usage(*find_command("umount"));
        return STATUS_USAGE;
    }
    fs::Context* files = files_of(shell, "umount");
    if (!files)
        return STATUS_FAILURE;
    kstd::StringView directory = arguments[1];
    if (auto unmounted = files->unmount(directory); unmounted.is_error()) {
        kstd::Errno code = unmounted.error().code();
        if (code == kstd::Errno::InvalidArgument)
            shell.error("umount: {}: not mounted", directory);
        else if (code == kstd::Errno::Busy)
            shell.error("umount: {}: target is busy", directory);
        else
            shell.error("umount: {}: {}", directory, unmounted.error().description());
        return STATUS_FAILURE;
    }
    return STATUS_OK;
}

int command_df(Shell& shell, const Arguments&)
{
    fs::Context* files = files_of(shell, "df");
    if (!files)
        return STATUS_FAILURE;
    shell.println("{:<15} {:>10} {:>10} {:>10} {:>4} {}", "Filesystem", "1K-blocks", "Used", "Available",
                  "Use%", "Mounted on");
    bool listed = for_each_mount(shell, *files, "df", [&](const MountRow& row, kstd::StringView directory) {
        const fs::FileSystemStatistics& statistics = row.statistics;
        uint64_t used_blocks = statistics.total_blocks - statistics.free_blocks;
        kstd::FixedString<8> use;
        if (statistics.total_blocks == 0)
            use.write("-");
        else
            kstd::format_to(use, "{}%",
                            (used_blocks * 100 + statistics.total_blocks - 1) / statistics.total_blocks);
        shell.println("{:<15} {:>10} {:>10} {:>10} {:>4} {}", row.source.view(),
                      kibibytes(statistics.total_blocks, statistics.block_size),
                      kibibytes(used_blocks, statistics.block_size),
                      kibibytes(statistics.free_blocks, statistics.block_size), use.view(), directory);
    });
    return listed ? STATUS_OK : STATUS_FAILURE;
}

} // namespace shell
