// stat: everything the file system says about a file, laid out like coreutils' stat.
//
//       File: /etc/motd
//       Size: 52              Blocks: 8          IO Block: 4096   regular file
//     Device: 1               Inode: 12          Links: 1
//     Access: (0644/-rw-r--r--)
//     Access: 3.201554112 s after boot
//     Modify: 3.201554112 s after boot
//     Change: 3.201554112 s after boot
//
// A symbolic link is described itself, not what it points to ("File: a -> b"), and a
// device file adds its major and minor numbers. Keel has no wall clock yet, so times are
// the boot clock's; nor users, so there are no Uid and Gid.
#include <shell/commands.hpp>
#include <shell/file_support.hpp>
#include <shell/options.hpp>
#include <shell/shell.hpp>

namespace shell {

namespace {

constexpr uint64_t NANOSECONDS_PER_SECOND = 1'000'000'000;

void print_time(Shell& shell, kstd::StringView label, uint64_t nanoseconds)
{
    shell.println("{}: {}.{:09} s after boot", label, nanoseconds / NANOSECONDS_PER_SECOND,
                  nanoseconds % NANOSECONDS_PER_SECOND);
}

void print_stat(Shell& shell, fs::Context& files, kstd::StringView path, const fs::Stat& file,
                PathBuffer& scratch)
{
    fs::FileType type = fs::file_type_of(file.mode);
    shell.print("  File: {}", path);
    if (type == fs::FileType::Symlink)
        print_link_target(shell, files, fs::CURRENT_DIRECTORY, path, scratch);
    shell.println("");
    shell.println("  Size: {:<15} Blocks: {:<10} IO Block: {:<6} {}", file.size, file.blocks, file.block_size,
                  fs::file_type_name(type));
    shell.print("Device: {:<15} Inode: {:<11} Links: {}", file.device, file.inode, file.link_count);
    if (type == fs::FileType::CharDevice)
        shell.print("  Device type: {},{}", file.device_number >> 8, file.device_number & 0xff);
    shell.println("");
    shell.println("Access: ({:04o}/{})", file.mode & fs::mode::PERMISSION_MASK,
                  mode_string(file.mode).view());
    print_time(shell, "Access", file.access_ns);
    print_time(shell, "Modify", file.modify_ns);
    print_time(shell, "Change", file.change_ns);
}

} // namespace

int command_stat(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "", 1))
        return STATUS_USAGE;
    fs::Context* files = files_of(shell, "stat");
    if (!files)
        return STATUS_FAILURE;
    auto scratch = PathBuffer::create();
    if (scratch.is_error()) {
        shell.error("stat: {}", scratch.error().description());
        return STATUS_FAILURE;
    }
    int status = STATUS_OK;
    for (kstd::StringView path : options.operands()) {
        auto file = files->lstat(path);
        if (file.is_error()) {
            shell.error("stat: cannot stat '{}': {}", path, file.error().description());
            status = STATUS_FAILURE;
            continue;
        }
        print_stat(shell, *files, path, file.value(), scratch.value());
    }
    return status;
}

} // namespace shell
