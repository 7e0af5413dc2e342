// How the file system differential test makes its calls on Linux (see
// fs_differential_host.hpp): each Operation as the matching POSIX call, its answer as an
// Outcome, the walk of the final tree through lstat, readlink, read and readdir, and the
// making and removing of the host directory.
#include "fs_differential_host.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fs_differential {

namespace {

Outcome from_host_stat(int result, const struct stat& status)
{
    if (result != 0)
        return Outcome::failure(errno);
    Outcome outcome;
    outcome.set_stat(status.st_mode, static_cast<uint32_t>(status.st_nlink), static_cast<uint64_t>(status.st_size));
    return outcome;
}

Outcome from_host_int(int result)
{
    return result == 0 ? Outcome {} : Outcome::failure(errno);
}

// A call that answers a count or an offset, negative on failure; with `buffer`, that many
// bytes of it are the answer's data.
Outcome from_host_count(int64_t result, const char* buffer = nullptr)
{
    if (result < 0)
        return Outcome::failure(errno);
    return Outcome::success(result, buffer ? std::string(buffer, static_cast<size_t>(result)) : std::string());
}

} // namespace

Outcome HostSide::run(const Operation& operation, std::vector<int>& fds)
{
    const char* path = operation.path.c_str();
    const char* other = operation.other.c_str();
    int fd = operation.slot < fds.size() ? fds[operation.slot] : -1;
    int at = operation.at_fd(fds, AT_FDCWD);
    switch (operation.kind) {
    case Operation::Open: {
        int opened = ::openat(at, path, operation.flags, operation.mode);
        if (opened < 0)
            return Outcome::failure(errno);
        fds.push_back(opened);
        return {};
    }
    case Operation::Close: {
        int result = ::close(fd);
        fds.erase(fds.begin() + static_cast<ptrdiff_t>(operation.slot));
        return from_host_int(result);
    }
    case Operation::Read: {
        std::string buffer(static_cast<size_t>(operation.number), '\0');
        return from_host_count(::read(fd, buffer.data(), buffer.size()), buffer.data());
    }
    case Operation::Write:
        return from_host_count(::write(fd, operation.bytes.data(), operation.bytes.size()));
    case Operation::Seek:
        return from_host_count(::lseek(fd, operation.number, operation.whence));
    case Operation::Fstat: {
        struct stat status {};
        int result = ::fstat(fd, &status);
        return from_host_stat(result, status);
    }
    case Operation::Ftruncate:
        return from_host_int(::ftruncate(fd, operation.number));
    case Operation::Stat: {
        struct stat status {};
        int result = ::fstatat(at, path, &status, 0);
        return from_host_stat(result, status);
    }
    case Operation::Lstat: {
        struct stat status {};
        int result = ::fstatat(at, path, &status, AT_SYMLINK_NOFOLLOW);
        return from_host_stat(result, status);
    }
    case Operation::Truncate:
        return from_host_int(::truncate(path, operation.number));
    case Operation::Mkdir:
        return from_host_int(::mkdirat(at, path, operation.mode));
    case Operation::Rmdir:
        return from_host_int(::unlinkat(at, path, AT_REMOVEDIR));
    case Operation::Unlink:
        return from_host_int(::unlinkat(at, path, 0));
    case Operation::Rename:
        return from_host_int(::renameat(at, path, at, other));
    case Operation::Link:
        return from_host_int(::linkat(at, path, at, other, 0));
    case Operation::Symlink:
        return from_host_int(::symlinkat(other, at, path));
    case Operation::Readlink: {
        std::string buffer(static_cast<size_t>(operation.number), '\0');
        return from_host_count(::readlinkat(at, path, buffer.data(), buffer.size()), buffer.data());
    }
    case Operation::Chdir:
        return from_host_int(::chdir(path));
    case Operation::Getcwd: {
        char buffer[PATH_MAX];
        if (!::getcwd(buffer, sizeof buffer))
            return Outcome::failure(errno);
        return from_host_count(static_cast<int64_t>(std::strlen(buffer)), buffer);
    }
    }
    return Outcome::failure(-1);
}

void HostSide::close_all(std::vector<int>& fds)
{
    for (int fd : fds)
        ::close(fd);
    fds.clear();
}

Tree HostSide::walk()
{
    Tree tree;
    std::map<std::pair<dev_t, ino_t>, std::string> names;
    walk("/", tree, names);
    return tree;
}

void HostSide::walk(const std::string& path, Tree& tree, std::map<std::pair<dev_t, ino_t>, std::string>& names)
{
    struct stat status {};
    TreeEntry& entry = tree[path];
    if (::lstat(path.c_str(), &status) != 0) {
        entry.contents = std::string("lstat failed: ") + strerrorname_np(errno);
        return;
    }
    entry.mode = status.st_mode;
    entry.links = static_cast<uint32_t>(status.st_nlink);
    entry.size = static_cast<uint64_t>(status.st_size);
    auto [known, inserted] = names.emplace(std::pair { status.st_dev, status.st_ino }, path);
    if (!inserted)
        entry.first_name_of_inode = known->second;
    if (S_ISLNK(status.st_mode)) {
        char target[PATH_MAX];
        ssize_t length = ::readlink(path.c_str(), target, sizeof target);
        entry.contents = length < 0 ? std::string("readlink failed") : std::string(target, static_cast<size_t>(length));
    } else if (S_ISREG(status.st_mode)) {
        int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW);
        char buffer[4096];
        ssize_t got;
        while (fd >= 0 && (got = ::read(fd, buffer, sizeof buffer)) > 0)
            entry.contents.append(buffer, static_cast<size_t>(got));
        if (fd >= 0)
            ::close(fd);
    } else if (S_ISDIR(status.st_mode)) {
        std::vector<std::string> children;
        if (DIR* directory = ::opendir(path.c_str())) {
            while (dirent* child = ::readdir(directory))
                children.emplace_back(child->d_name);
            ::closedir(directory);
        }
        for (const std::string& child_path : child_paths(path, std::move(children)))
            walk(child_path, tree, names);
    }
}

HostDirectory::HostDirectory()
{
    struct statfs figures {};
    m_on_tmpfs = ::statfs("/dev/shm", &figures) == 0 && figures.f_type == TMPFS_MAGIC;
    std::string pattern = std::string(m_on_tmpfs ? "/dev/shm" : "/tmp") + "/keel-fs-diff-XXXXXX";
    if (::mkdtemp(pattern.data()))
        m_path = pattern;
    if (!m_on_tmpfs && !m_path.empty())
        m_on_tmpfs = ::statfs(m_path.c_str(), &figures) == 0 && figures.f_type == TMPFS_MAGIC;
}

HostDirectory::~HostDirectory()
{
    if (!m_path.empty())
        remove_tree(m_path);
}

void HostDirectory::remove_tree(const std::string& path)
{
    ::nftw(path.c_str(), [](const char* name, const struct stat*, int, FTW*) { return ::remove(name); }, 16,
           FTW_DEPTH | FTW_PHYS);
}

} // namespace fs_differential
