// Commands on the directory tree: cd, pwd, mkdir, rmdir, rm.
//
// They work in the shell's fs::Context (its current directory is the one cd changes) and
// report failures the way coreutils words them, one line per operand that failed; the
// others are still done, and the status is 1 if any failed.
#include <shell/commands.hpp>
#include <shell/file_support.hpp>
#include <shell/options.hpp>
#include <shell/shell.hpp>
#include <shell/tree_operations.hpp>

namespace shell {

using kstd::StringView;

int command_cd(Shell& shell, const Arguments& arguments)
{
    fs::Context* files = files_of(shell, "cd");
    if (!files)
        return STATUS_FAILURE;
    StringView directory = arguments.count() > 1 ? arguments[1] : "/";
    if (auto changed = files->chdir(directory); changed.is_error()) {
        shell.error("cd: {}: {}", directory, changed.error().description());
        return STATUS_FAILURE;
    }
    return STATUS_OK;
}

int command_pwd(Shell& shell, const Arguments&)
{
    fs::Context* files = files_of(shell, "pwd");
    if (!files)
        return STATUS_FAILURE;
    auto path = PathBuffer::create();
    if (!path.is_error()) {
        auto length = files->getcwd(path.value().storage());
        if (!length.is_error()) {
            path.value().set_length(length.value());
            shell.println("{}", path.value().view());
            return STATUS_OK;
        }
        shell.error("pwd: {}", length.error().description());
        return STATUS_FAILURE;
    }
    shell.error("pwd: {}", path.error().description());
    return STATUS_FAILURE;
}

namespace {
// mkdir -p: every missing directory along `path`. Components that exist are fine as
// long as the whole path ends up a directory.
kstd::Result<void> make_parents(fs::Context& files, StringView path)
{
    for (size_t end = 1; end <= path.size(); ++end) {
        if (end < path.size() && path[end] != '/')
            continue;
        auto made = files.mkdir(path.substring(0, end));
        if (made.is_error() && made.error().code() != kstd::Errno::AlreadyExists)
            return made;
    }
    if (!is_directory(files, path))
        return kstd::Errno::AlreadyExists;
    return {};
}
} // namespace

int command_mkdir(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "p", 1))
        return STATUS_USAGE;
    fs::Context* files = files_of(shell, "mkdir");
    if (!files)
        return STATUS_FAILURE;
    int status = STATUS_OK;
    for (StringView directory : options.operands()) {
        auto made = options.has('p') ? make_parents(*files, directory) : files->mkdir(directory);
        if (made.is_error()) {
            shell.error("mkdir: cannot create directory '{}': {}", directory, made.error().description());
            status = STATUS_FAILURE;
        }
    }
    return status;
}

int command_rmdir(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "", 1))
        return STATUS_USAGE;
    fs::Context* files = files_of(shell, "rmdir");
    if (!files)
        return STATUS_FAILURE;
    int status = STATUS_OK;
    for (StringView directory : options.operands()) {
        if (auto removed = files->rmdir(directory); removed.is_error()) {
            shell.error("rmdir: failed to remove '{}': {}", directory, removed.error().description());
            status = STATUS_FAILURE;
        }
    }
    return status;
}

namespace {
bool is_dot_or_dot_dot(StringView path)
{
    StringView name = base_name(path);
    return name == "." || name == "..";
}

// One operand of rm; false if it failed. Without -r, unlink() refuses a directory (EISDIR).
bool remove(Shell& shell, fs::Context& files, StringView path, bool recursive, bool force)
{
    auto status = files.lstat(path);
    if (status.is_error() && force && status.error().code() == kstd::Errno::NoSuchEntry)
        return true;
    if (recursive && !status.is_error() && fs::file_type_of(status.value().mode) == fs::FileType::Directory) {
        if (without_trailing_slashes(path) == "/") {
            shell.error("rm: it is dangerous to operate recursively on '/'");
            return false;
        }
        if (is_dot_or_dot_dot(path)) {
            shell.error("rm: refusing to remove '.' or '..' directory: skipping '{}'", path);
            return false;
        }
        return remove_tree(shell, "rm", files, without_trailing_slashes(path));
    }
    if (auto removed = files.unlink(path); removed.is_error()) {
        shell.error("rm: cannot remove '{}': {}", path, removed.error().description());
        return false;
    }
    return true;
}
} // namespace

int command_rm(Shell& shell, const Arguments& arguments)
{
    Options options;
    if (!options.parse(shell, arguments, "rRf", 0))
        return STATUS_USAGE;
    bool force = options.has('f');
    if (!force && !options.has_operands(shell, arguments, 1))
        return STATUS_USAGE;
    fs::Context* files = files_of(shell, "rm");
    if (!files)
        return STATUS_FAILURE;
    bool recursive = options.has('r') || options.has('R');
    int status = STATUS_OK;
    for (StringView path : options.operands()) {
        if (interrupted())
            return STATUS_INTERRUPTED;
        if (!remove(shell, *files, path, recursive, force))
            status = STATUS_FAILURE;
    }
    return status;
}

} // namespace shell
