// Commands on files: touch, cat, mv, cp, ln.
//
// mv, cp and ln share coreutils' operand rule: the last operand is the destination; with
// several sources it must be a directory, and a source goes into a directory destination
// under its own name. Each operand that fails is reported and the rest are still done.
#include <shell/commands.hpp>
#include <shell/file_support.hpp>
#include <shell/options.hpp>
#include <shell/shell.hpp>

namespace shell {

using kstd::StringView;
using namespace fs::open_flags;

namespace {
constexpr size_t COPY_CHUNK = 512;

// Reads the open file `fd` to its end into `out`. Stops early with EINTR when Ctrl+C
// interrupts the command, and quietly when `out` is the file `written` and a write to it
// failed (a full file system: the caller reports written->error()), so that copying an
// endless file (/dev/zero) ends.
kstd::Result<void> copy_contents(fs::Context& files, int fd, kstd::Writer& out, const FileWriter* written)
{
    uint8_t buffer[COPY_CHUNK];
    for (;;) {
        TRY(check_interrupted());
        if (written && written->failed())
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
        } else if (auto copied = copy_contents(*files, file.fd(), shell.out(), shell.output_file());
                   copied.is_error()) {
            shell.error("cat: {}: {}", path, copied.error().description());
            status = STATUS_FAILURE;
        }
        if (shell.output_failed("cat"))
            return STATUS_FAILURE; // as GNU cat: a write error ends it
    }
    return status;
}

int command_mv(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "", 2))
        return STATUS_USAGE;
    return for_each_source(
        shell, arguments, options, [&](fs::Context& files, StringView source, StringView destination) {
            if (auto found = files.lstat(source); found.is_error()) {
                shell.error("mv: cannot stat '{}': {}", source, found.error().description());
                return false;
            }
            if (auto moved = files.rename(source, destination); moved.is_error()) {
                shell.error("mv: cannot move '{}' to '{}': {}", source, destination,
                            moved.error().description());
                return false;
            }
            return true;
        });
}

namespace {
bool copy_file(Shell& shell, fs::Context& files, StringView source, StringView destination)
{
    auto from = files.stat(source);
    if (from.is_error()) {
        shell.error("cp: cannot stat '{}': {}", source, from.error().description());
        return false;
    }
    if (fs::file_type_of(from.value().mode) == fs::FileType::Directory) {
        shell.error("cp: -r not specified; omitting directory '{}'", source);
        return false;
    }
    if (auto to = files.stat(destination); !to.is_error() && to.value().device == from.value().device &&
        to.value().inode == from.value().inode) {
        shell.error("cp: '{}' and '{}' are the same file", source, destination);
        return false;
    }
    auto input = files.open(source, READ_ONLY);
    if (input.is_error()) {
        shell.error("cp: cannot open '{}' for reading: {}", source, input.error().description());
        return false;
    }
    Descriptor reading(files, input.value());
    auto output = files.open(destination, WRITE_ONLY | CREATE | TRUNCATE,
                             from.value().mode & fs::mode::PERMISSION_MASK);
    if (output.is_error()) {
        shell.error("cp: cannot create regular file '{}': {}", destination, output.error().description());
        return false;
    }
    FileWriter writing(files, output.value());
    auto copied = copy_contents(files, reading.fd(), writing, &writing);
    auto written = writing.finish();
    if (copied.is_error()) {
        shell.error("cp: error reading '{}': {}", source, copied.error().description());
        return false;
    }
    if (written.is_error()) {
        shell.error("cp: error writing '{}': {}", destination, written.error().description());
        return false;
    }
    return true;
}
} // namespace

int command_cp(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "", 2))
        return STATUS_USAGE;
    return for_each_source(shell, arguments, options,
                           [&](fs::Context& files, StringView source, StringView destination) {
                               return copy_file(shell, files, source, destination);
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
