// Removing and copying whole trees by directory descriptors (see tree_operations.hpp).
#include <mm/heap/kmalloc.hpp>
#include <shell/directory_walk.hpp>
#include <shell/file_support.hpp>
#include <shell/shell.hpp>
#include <shell/tree_operations.hpp>

namespace shell {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;
using namespace fs::open_flags;
using Kind = DirectoryWalk::Step::Kind;

namespace {

// Whether the open directory `fd` is `ancestor` or lies below it, found by going up "..".
Result<bool> lies_within(fs::Context& files, int fd, const fs::Stat& ancestor)
{
    fs::Stat at = TRY(files.fstat(fd));
    Descriptor current(files, -1); // the directory reached, once above `fd`
    while (!at.same_file_as(ancestor)) {
        int up = TRY(files.openat(current.fd() >= 0 ? current.fd() : fd, "..", READ_ONLY | DIRECTORY));
        current.reset(up);
        fs::Stat parent = TRY(files.fstat(up));
        if (parent.same_file_as(at))
            return false; // the root is its own parent
        at = parent;
    }
    return true;
}

// mkdirat, or a directory already there: cp -r fills it, as GNU cp does. Whether it made one.
Result<bool> make_directory(fs::Context& files, int directory_fd, StringView name, fs::Mode mode)
{
    auto made = files.mkdirat(directory_fd, name, mode & fs::mode::PERMISSION_MASK);
    if (made.is_error() && made.error().code() == Errno::AlreadyExists) {
        auto there = files.fstatat(directory_fd, name, fs::at_flags::SYMLINK_NOFOLLOW);
        if (!there.is_error() && fs::file_type_of(there.value().mode) == fs::FileType::Directory)
            return false;
    }
    if (made.is_error())
        return made.release_error();
    return true;
}

// The destination side of a tree copy: a descriptor of the directory being filled, one
// level per directory the copy went into, and each level's identity to check ".." by on
// the way back up (as DirectoryWalk does on the source side).
class DestinationCursor {
public:
    explicit DestinationCursor(fs::Context& files) : m_files(files) {}
    DestinationCursor(const DestinationCursor&) = delete;
    DestinationCursor& operator=(const DestinationCursor&) = delete;
    ~DestinationCursor()
    {
        if (m_fd >= 0)
            (void)m_files.close(m_fd);
        mm::kfree(m_levels);
    }

    int fd() const { return m_fd; }
    size_t depth() const { return m_depth; }

    // Goes into `name` in the current directory (the first time: `name` from the
    // current directory of the context).
    Result<void> down(StringView name)
    {
        if (m_depth == m_capacity) {
            size_t capacity = m_capacity ? 2 * m_capacity : 16;
            auto* levels = static_cast<fs::Stat*>(mm::kmalloc(capacity * sizeof(fs::Stat)));
            if (!levels)
                return Errno::OutOfMemory;
            if (m_depth)
                __builtin_memcpy(levels, m_levels, m_depth * sizeof(fs::Stat));
            mm::kfree(m_levels);
            m_levels = levels;
            m_capacity = capacity;
        }
        int from = m_fd >= 0 ? m_fd : fs::CURRENT_DIRECTORY;
        Descriptor opened(m_files, TRY(m_files.openat(from, name, READ_ONLY | DIRECTORY | NO_FOLLOW)));
        m_levels[m_depth] = TRY(m_files.fstat(opened.fd()));
        ++m_depth;
        if (m_fd >= 0)
            (void)m_files.close(m_fd);
        m_fd = opened.release();
        return {};
    }

    // Back to the parent directory (which must be the one the copy came down from).
    Result<void> up()
    {
        Descriptor parent(m_files, TRY(m_files.openat(m_fd, "..", READ_ONLY | DIRECTORY)));
        if (!TRY(m_files.fstat(parent.fd())).same_file_as(m_levels[m_depth - 2]))
            return kstd::Error::with_detail(Errno::NoSuchEntry, "a directory moved during the copy");
        (void)m_files.close(m_fd);
        m_fd = parent.release();
        --m_depth;
        return {};
    }

private:
    fs::Context& m_files;
    int m_fd = -1;
    fs::Stat* m_levels = nullptr;
    size_t m_depth = 0;
    size_t m_capacity = 0;
};

} // namespace

bool copy_symlink(Shell& shell, StringView command, fs::Context& files, const Place& from, const Place& to)
{
    auto target = PathBuffer::create();
    auto length = target.is_error()
        ? kstd::Result<size_t>(target.release_error())
        : files.readlinkat(from.directory_fd, from.name, target.value().storage());
    if (length.is_error()) {
        shell.error("{}: cannot read symbolic link '{}{}': {}", command, from.path, from.path_rest,
                    length.error().description());
        return false;
    }
    StringView link_target(target.value().storage().data(), length.value());
    auto made = files.symlinkat(link_target, to.directory_fd, to.name);
    if (made.is_error() && made.error().code() == Errno::AlreadyExists) {
        // What is there goes, unless it is a directory (as GNU cp does).
        auto there = files.fstatat(to.directory_fd, to.name, fs::at_flags::SYMLINK_NOFOLLOW);
        if (!there.is_error() && fs::file_type_of(there.value().mode) != fs::FileType::Directory &&
            !files.unlinkat(to.directory_fd, to.name, 0).is_error())
            made = files.symlinkat(link_target, to.directory_fd, to.name);
    }
    if (made.is_error()) {
        shell.error("{}: cannot create symbolic link '{}{}': {}", command, to.path, to.path_rest,
                    made.error().description());
        return false;
    }
    return true;
}

bool copy_tree(
    Shell& shell, StringView command, fs::Context& files, StringView source, StringView destination)
{
    auto status = files.lstat(source);
    if (status.is_error()) {
        shell.error("{}: cannot stat '{}': {}", command, source, status.error().description());
        return false;
    }
    auto created = make_directory(files, fs::CURRENT_DIRECTORY, destination, status.value().mode);
    if (created.is_error() && created.error().code() == Errno::AlreadyExists) {
        shell.error("{}: cannot overwrite non-directory '{}' with directory '{}'", command, destination,
                    source);
        return false;
    }
    if (created.is_error()) {
        shell.error(
            "{}: cannot create directory '{}': {}", command, destination, created.error().description());
        return false;
    }
    DestinationCursor into(files);
    auto opened = into.down(destination);
    auto inside = opened.is_error() ? kstd::Result<bool>(opened.release_error())
                                    : lies_within(files, into.fd(), status.value());
    if (inside.is_error() || inside.value()) {
        if (inside.is_error())
            shell.error("{}: cannot access '{}': {}", command, destination, inside.error().description());
        else
            shell.error("{}: cannot copy a directory, '{}', into itself, '{}'", command, source, destination);
        if (created.value())
            (void)files.rmdir(destination);
        return false;
    }
    auto walk = DirectoryWalk::start(
        files, fs::CURRENT_DIRECTORY, source, DirectoryListing::Include::Hidden, false);
    if (walk.is_error()) {
        shell.error("{}: cannot access '{}': {}", command, source, walk.error().description());
        return false;
    }
    bool copied_all = true;
    DirectoryWalk::Step step;
    for (;;) {
        auto more = walk.value().next(step);
        if (more.is_error()) {
            shell.error(
                "{}: cannot access '{}': {}", command, walk.value().path(), more.error().description());
            return false;
        }
        if (!more.value())
            return copied_all;
        StringView below = walk.value().path().substring(source.size()); // "/a/b" below the source
        Place from { walk.value().directory_fd(), step.name, walk.value().path() };
        Place to { into.fd(), step.name, destination, below };
        if (step.kind == Kind::Leave) {
            // Back up on the destination side too, if the copy went into this directory.
            if (step.depth > 0 && into.depth() > step.depth) {
                if (auto went_up = into.up(); went_up.is_error()) {
                    shell.error("{}: cannot access '{}{}/..': {}", command, destination, below,
                                went_up.error().description());
                    return false;
                }
            }
            continue;
        }
        bool copied = true;
        switch (step.type) {
        case fs::FileType::Regular:
            copied = copy_file(shell, command, files, from, to);
            break;
        case fs::FileType::Symlink:
            copied = copy_symlink(shell, command, files, from, to);
            break;
        case fs::FileType::CharDevice:
        case fs::FileType::Fifo:
            shell.error("{}: cannot create special file '{}{}': {}", command, destination, below,
                        kstd::Error::from_errno(Errno::NotPermitted).description());
            copied = false;
            break;
        case fs::FileType::Directory: {
            if (step.opened.is_error()) {
                shell.error(
                    "{}: cannot access '{}': {}", command, from.path, step.opened.error().description());
                copied = false;
                break;
            }
            auto mode = files.fstatat(from.directory_fd, step.name, fs::at_flags::SYMLINK_NOFOLLOW);
            kstd::Result<void> made;
            if (mode.is_error())
                made = mode.release_error();
            else if (auto directory = make_directory(files, to.directory_fd, step.name, mode.value().mode);
                     directory.is_error())
                made = directory.release_error();
            else
                made = into.down(step.name);
            if (made.is_error() && made.error().code() == Errno::AlreadyExists) {
                shell.error("{}: cannot overwrite non-directory '{}{}' with directory '{}'", command,
                            destination, below, from.path);
            } else if (made.is_error()) {
                shell.error("{}: cannot create directory '{}{}': {}", command, destination, below,
                            made.error().description());
            }
            if (made.is_error()) {
                walk.value().skip_entered();
                copied = false;
            }
            break;
        }
        }
        copied_all = copied_all && copied;
    }
}

bool remove_tree(Shell& shell, StringView command, fs::Context& files, StringView directory)
{
    auto walk = DirectoryWalk::start(
        files, fs::CURRENT_DIRECTORY, directory, DirectoryListing::Include::Hidden, false);
    if (walk.is_error()) {
        shell.error("{}: cannot remove '{}': {}", command, directory, walk.error().description());
        return false;
    }
    using fs::at_flags::REMOVE_DIRECTORY;
    bool removed_all = true;
    size_t kept_levels = 0; // the walk's levels 0 .. kept_levels - 1 hold something that stays
    DirectoryWalk::Step step;
    for (;;) {
        auto more = walk.value().next(step);
        if (more.is_error()) {
            shell.error(
                "{}: cannot remove '{}': {}", command, walk.value().path(), more.error().description());
            return false;
        }
        if (!more.value())
            return removed_all;
        int in = walk.value().directory_fd();
        kstd::Result<void> removed;
        if (step.kind == Kind::Leave) {
            if (step.depth < kept_levels) {
                kept_levels = step.depth;
                continue;
            }
            removed = files.unlinkat(in, step.name, REMOVE_DIRECTORY);
        } else if (step.type != fs::FileType::Directory) {
            removed = files.unlinkat(in, step.name, 0);
        } else if (step.opened.is_error()) {
            // A directory the walk could not go into is gone if it was empty; else its
            // own error tells why.
            if (files.unlinkat(in, step.name, REMOVE_DIRECTORY).is_error())
                removed = step.opened;
        }
        if (removed.is_error()) {
            shell.error(
                "{}: cannot remove '{}': {}", command, walk.value().path(), removed.error().description());
            removed_all = false;
            size_t holding = step.kind == Kind::Leave ? step.depth : step.depth + 1;
            kept_levels = holding > kept_levels ? holding : kept_levels;
        }
    }
}

} // namespace shell
