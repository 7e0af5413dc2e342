// Commands on files: touch, cat, mv, cp, ln.
//
// mv, cp and ln share coreutils' operand rule: the last operand is the destination; with
// several sources it must be a directory, and a source goes into a directory destination
// under its own name. Each operand that fails is reported and the rest are still done.
// mv across file systems copies and then removes the source, as GNU mv does; it and cp -r
// copy trees with tree_operations.hpp.
#include <shell/commands.hpp>
#include <shell/file_support.hpp>
#include <shell/options.hpp>
#include <shell/shell.hpp>
#include <shell/tree_operations.hpp>

namespace shell {

using kstd::StringView;
using namespace fs::open_flags;

namespace {
constexpr size_t COPY_CHUNK = 512;

// Reads the open file `fd` to its end into `out`. Stops early with EINTR when Ctrl+C
// interrupts the command, and quietly when writing to `out` failed (a full file system:
// the caller reports the writer's error), so that copying an endless file (/dev/zero) ends.
kstd::Result<void> copy_contents(fs::Context& files, int fd, kstd::Writer& out)
{
    uint8_t buffer[COPY_CHUNK];
    for (;;) {
        TRY(check_interrupted());
        if (out.failed())
            return {};
        size_t count = TRY(files.read(fd, buffer));
        if (count == 0)
            return {};
        out.write({ reinterpret_cast<const char*>(buffer), count });
    }
}

// mv, cp, ln: runs `each(files, source, destination)` (false if it failed) for every
// source with the destination it gets.
template<typename Each>
int for_each_source(Shell& shell, const Arguments& arguments, const Options& options, Each each)
{
    StringView command = arguments[0];
    fs::Context* files = files_of(shell, command);
    if (!files)
        return STATUS_FAILURE;
    kstd::Span<const StringView> operands = options.operands();
    StringView target = operands[operands.size() - 1];
    kstd::Span<const StringView> sources = operands.subspan(0, operands.size() - 1);
    if (sources.size() > 1 && !is_directory(*files, target)) {
        shell.error("{}: target '{}' is not a directory", command, target);
        return STATUS_FAILURE;
    }
    int status = STATUS_OK;
    for (StringView source : sources) {
        if (interrupted())
            return STATUS_INTERRUPTED;
        auto destination = destination_for(*files, source, target);
        if (destination.is_error()) {
            shell.error("{}: {}: {}", command, target, destination.error().description());
            status = STATUS_FAILURE;
        } else if (!each(*files, source, destination.value().view())) {
            status = STATUS_FAILURE;
        }
    }
    return status;
}
} // namespace

int command_touch(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "", 1))
        return STATUS_USAGE;
    fs::Context* files = files_of(shell, "touch");
    if (!files)
        return STATUS_FAILURE;
    int status = STATUS_OK;
    for (StringView path : options.operands()) {
        if (!files->stat(path).is_error())
            continue; // there already; its contents stay
        auto fd = files->open(path, WRITE_ONLY | CREATE);
        if (fd.is_error()) {
            shell.error("touch: cannot touch '{}': {}", path, fd.error().description());
            status = STATUS_FAILURE;
            continue;
        }
        (void)files->close(fd.value());
    }
    return status;
}

int command_cat(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "", 1))
        return STATUS_USAGE;
    fs::Context* files = files_of(shell, "cat");
    if (!files)
        return STATUS_FAILURE;
    int status = STATUS_OK;
    for (StringView path : options.operands()) {
        auto fd = files->open(path, READ_ONLY);
        if (fd.is_error()) {
            shell.error("cat: {}: {}", path, fd.error().description());
            status = STATUS_FAILURE;
            continue;
        }
        Descriptor file(*files, fd.value());
        auto identity = files->fstat(file.fd());
        if (!identity.is_error() && shell.output_goes_to(identity.value())) {
            shell.error("cat: {}: input file is output file", path);
            status = STATUS_FAILURE;
        } else if (auto copied = copy_contents(*files, file.fd(), shell.out()); copied.is_error()) {
            shell.error("cat: {}: {}", path, copied.error().description());
            status = STATUS_FAILURE;
        }
        if (shell.output_failed("cat"))
            return STATUS_FAILURE; // as GNU cat: a write error ends it
    }
    return status;
}

namespace {
// mv to another file system: the source copied (a file, a link or a whole tree), then
// removed, as GNU mv does, with the same permission bits (times are not kept: Keel has
// no call to set them yet). What is at the destination is replaced, if it may be.
bool move_across(Shell& shell, fs::Context& files, StringView source, const fs::Stat& from,
                 StringView destination)
{
    fs::FileType type = fs::file_type_of(from.mode);
    if (auto there = files.lstat(destination); !there.is_error()) {
        bool directory_there = fs::file_type_of(there.value().mode) == fs::FileType::Directory;
        kstd::Result<void> cleared;
        if (directory_there != (type == fs::FileType::Directory))
            cleared = directory_there ? kstd::Errno::IsADirectory : kstd::Errno::NotADirectory;
        else
            cleared = directory_there ? files.rmdir(destination) : files.unlink(destination);
        if (cleared.is_error()) {
            shell.error(
                "mv: cannot move '{}' to '{}': {}", source, destination, cleared.error().description());
            return false;
        }
    }
    // The copies keep the source's permission bits whole (mv moves them), so no umask.
    fs::Mode umask = files.umask();
    files.set_umask(0);
    bool copied = false;
    switch (type) {
    case fs::FileType::Regular:
        copied = copy_file(shell, "mv", files, Place::of(source), Place::of(destination));
        break;
    case fs::FileType::Symlink:
        copied = copy_symlink(shell, "mv", files, Place::of(source), Place::of(destination));
        break;
    case fs::FileType::Directory:
        copied = copy_tree(shell, "mv", files, without_trailing_slashes(source), destination);
        break;
    case fs::FileType::CharDevice:
    case fs::FileType::Fifo:
        shell.error("mv: cannot move '{}' to '{}': {}", source, destination,
                    kstd::Error::from_errno(kstd::Errno::CrossDeviceLink).description());
        break;
    }
    files.set_umask(umask);
    if (!copied)
        return false;
    if (type == fs::FileType::Directory)
        return remove_tree(shell, "mv", files, without_trailing_slashes(source));
    if (auto removed = files.unlink(source); removed.is_error()) {
        shell.error("mv: cannot remove '{}': {}", source, removed.error().description());
        return false;
    }
    return true;
}
} // namespace

int command_mv(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "", 2))
        return STATUS_USAGE;
    return for_each_source(
        shell, arguments, options, [&](fs::Context& files, StringView source, StringView destination) {
            auto found = files.lstat(source);
            if (found.is_error()) {
                shell.error("mv: cannot stat '{}': {}", source, found.error().description());
                return false;
            }
            if (auto there = files.lstat(destination);
                !there.is_error() && found.value().same_file_as(there.value())) {
                shell.error("mv: '{}' and '{}' are the same file", source, destination);
                return false;
            }
            auto moved = files.rename(source, destination);
            if (moved.is_error() && moved.error().code() == kstd::Errno::CrossDeviceLink)
                return move_across(shell, files, source, found.value(), destination);
            if (moved.is_error()) {
                shell.error("mv: cannot move '{}' to '{}': {}", source, destination,
                            moved.error().description());
                return false;
            }
            return true;
        });
}

bool copy_file(
    Shell& shell, StringView command, fs::Context& files, const Place& source, const Place& destination)
{
    auto from = files.fstatat(source.directory_fd, source.name, 0);
    if (from.is_error()) {
        shell.error(
            "{}: cannot stat '{}{}': {}", command, source.path, source.path_rest, from.error().description());
        return false;
    }
    if (fs::file_type_of(from.value().mode) == fs::FileType::Directory) {
        shell.error(
            "{}: -r not specified; omitting directory '{}{}'", command, source.path, source.path_rest);
        return false;
    }
    if (auto to = files.fstatat(destination.directory_fd, destination.name, 0);
        !to.is_error() && to.value().same_file_as(from.value())) {
        shell.error("{}: '{}{}' and '{}{}' are the same file", command, source.path, source.path_rest,
                    destination.path, destination.path_rest);
        return false;
    }
    auto input = files.openat(source.directory_fd, source.name, READ_ONLY);
    if (input.is_error()) {
        shell.error("{}: cannot open '{}{}' for reading: {}", command, source.path, source.path_rest,
                    input.error().description());
        return false;
    }
    Descriptor reading(files, input.value());
    auto output = files.openat(destination.directory_fd, destination.name, WRITE_ONLY | CREATE | TRUNCATE,
                               from.value().mode & fs::mode::PERMISSION_MASK);
    if (output.is_error()) {
        shell.error("{}: cannot create regular file '{}{}': {}", command, destination.path,
            destination.path_rest, output.error().description());
        return false;
    }
    FileWriter writing(files, output.value());
    auto copied = copy_contents(files, reading.fd(), writing);
    auto written = writing.finish();
    if (copied.is_error()) {
        shell.error("{}: error reading '{}{}': {}", command, source.path, source.path_rest,
                    copied.error().description());
        return false;
    }
    if (written.is_error()) {
        shell.error("{}: error writing '{}{}': {}", command, destination.path, destination.path_rest,
                    written.error().description());
        return false;
    }
    return true;
}

int command_cp(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "rR", 2))
        return STATUS_USAGE;
    bool recursive = options.has('r') || options.has('R');
    return for_each_source(shell, arguments, options, [&](fs::Context& files, StringView source,
                                                          StringView destination) {
        // With -r a link is copied as a link and a directory as a tree, as GNU cp -r does.
        auto found = recursive ? files.lstat(source) : kstd::Result<fs::Stat>(kstd::Errno::NoSuchEntry);
        fs::FileType type = found.is_error() ? fs::FileType::Regular : fs::file_type_of(found.value().mode);
        if (type == fs::FileType::Directory)
            return copy_tree(shell, "cp", files, without_trailing_slashes(source), destination);
        if (type == fs::FileType::Symlink)
            return copy_symlink(shell, "cp", files, Place::of(source), Place::of(destination));
        return copy_file(shell, "cp", files, Place::of(source), Place::of(destination));
    });
}

int command_ln(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "s", 2))
        return STATUS_USAGE;
    bool symbolic = options.has('s');
    return for_each_source(shell, arguments, options,
                           [&](fs::Context& files, StringView target, StringView link) {
                               if (symbolic) {
                                   if (auto made = files.symlink(target, link); made.is_error()) {
                                       shell.error("ln: failed to create symbolic link '{}': {}", link,
                                                   made.error().description());
                                       return false;
                                   }
                               } else if (auto made = files.link(target, link); made.is_error()) {
                                   shell.error("ln: failed to create hard link '{}' => '{}': {}", link,
                                               target, made.error().description());
                                   return false;
                               }
                               return true;
                           });
}

} // namespace shell
