// How the file system differential test makes its calls on Keel (see
// fs_differential_keel.hpp): each Operation as the matching fs::Context call, its answer
// as an Outcome, and the walk of the final tree through lstat, readlink, read and readdir.
#include "fs_differential_keel.hpp"

#include "fs_test_support.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cstring>

namespace fs_differential {

namespace {

using fs_test::FsTest;

// The generated flags go to both sides unchanged: Keel uses Linux's values.
static_assert(fs::open_flags::WRITE_ONLY == O_WRONLY && fs::open_flags::READ_WRITE == O_RDWR);
static_assert(fs::open_flags::CREATE == O_CREAT && fs::open_flags::EXCLUSIVE == O_EXCL);
static_assert(fs::open_flags::TRUNCATE == O_TRUNC && fs::open_flags::APPEND == O_APPEND);
static_assert(fs::open_flags::DIRECTORY == O_DIRECTORY && fs::open_flags::NO_FOLLOW == O_NOFOLLOW);
static_assert(fs::CURRENT_DIRECTORY == AT_FDCWD && fs::at_flags::SYMLINK_NOFOLLOW == AT_SYMLINK_NOFOLLOW);
static_assert(fs::at_flags::REMOVE_DIRECTORY == AT_REMOVEDIR && fs::at_flags::SYMLINK_FOLLOW == AT_SYMLINK_FOLLOW);
static_assert(fs::mode::TYPE_MASK == S_IFMT && fs::mode::DIRECTORY == S_IFDIR && fs::mode::SYMLINK == S_IFLNK);

Outcome from_keel_stat(kstd::Result<fs::Stat> status)
{
    if (status.is_error())
        return Outcome::failure(FsTest::error_of(status));
    Outcome outcome;
    outcome.set_stat(status.value().mode, status.value().link_count, status.value().size);
    return outcome;
}

Outcome from_keel_void(const kstd::Result<void>& result)
{
    return Outcome::failure(FsTest::error_of(result));
}

// A call that answers a count or an offset; with `buffer`, that many bytes of it are the
// answer's data.
template<typename Answer>
Outcome from_keel_count(Answer&& result, const char* buffer = nullptr)
{
    if (result.is_error())
        return Outcome::failure(FsTest::error_of(result));
    auto count = result.value();
    return Outcome::success(static_cast<int64_t>(count), buffer ? std::string(buffer, count) : std::string());
}

} // namespace

Outcome KeelSide::run(const Operation& operation, std::vector<int>& fds)
{
    fs::Context& c = m_context;
    kstd::StringView path = FsTest::view(operation.path);
    kstd::StringView other = FsTest::view(operation.other);
    int fd = operation.slot < fds.size() ? fds[operation.slot] : -1;
    int at = operation.at_fd(fds, fs::CURRENT_DIRECTORY);
    switch (operation.kind) {
    case Operation::Open: {
        auto opened = c.openat(at, path, static_cast<uint32_t>(operation.flags), operation.mode);
        if (opened.is_error())
            return Outcome::failure(FsTest::error_of(opened));
        fds.push_back(opened.value());
        return {};
    }
    case Operation::Close: {
        auto result = c.close(fd);
        fds.erase(fds.begin() + static_cast<ptrdiff_t>(operation.slot));
        return from_keel_void(result);
    }
    case Operation::Read: {
        std::string buffer(static_cast<size_t>(operation.number), '\0');
        return from_keel_count(c.read(fd, { reinterpret_cast<uint8_t*>(buffer.data()), buffer.size() }), buffer.data());
    }
    case Operation::Write:
        return from_keel_count(c.write(fd, { reinterpret_cast<const uint8_t*>(operation.bytes.data()), operation.bytes.size() }));
    case Operation::Seek:
        return from_keel_count(c.lseek(fd, operation.number, static_cast<fs::Whence>(operation.whence)));
    case Operation::Fstat:
        return from_keel_stat(c.fstat(fd));
    case Operation::Ftruncate:
        return from_keel_void(c.ftruncate(fd, static_cast<uint64_t>(operation.number)));
    case Operation::Stat:
        return from_keel_stat(c.fstatat(at, path, 0));
    case Operation::Lstat:
        return from_keel_stat(c.fstatat(at, path, fs::at_flags::SYMLINK_NOFOLLOW));
    case Operation::Truncate:
        return from_keel_void(c.truncate(path, static_cast<uint64_t>(operation.number)));
    case Operation::Mkdir:
        return from_keel_void(c.mkdirat(at, path, operation.mode));
    case Operation::Rmdir:
        return from_keel_void(c.unlinkat(at, path, fs::at_flags::REMOVE_DIRECTORY));
    case Operation::Unlink:
        return from_keel_void(c.unlinkat(at, path, 0));
    case Operation::Rename:
        return from_keel_void(c.renameat(at, path, at, other));
    case Operation::Link:
        return from_keel_void(c.linkat(at, path, at, other, 0));
    case Operation::Symlink:
        return from_keel_void(c.symlinkat(other, at, path));
    case Operation::Readlink: {
        std::string buffer(static_cast<size_t>(operation.number), '\0');
        return from_keel_count(c.readlinkat(at, path, { buffer.data(), buffer.size() }), buffer.data());
    }
    case Operation::Chdir:
        return from_keel_void(c.chdir(path));
    case Operation::Getcwd: {
        char buffer[fs::PATH_LENGTH_MAX];
        return from_keel_count(c.getcwd(buffer), buffer);
    }
    }
    return Outcome::failure(-1);
}

void KeelSide::close_all(std::vector<int>& fds)
{
    for (int fd : fds)
        (void)m_context.close(fd);
    fds.clear();
}

Tree KeelSide::walk()
{
    Tree tree;
    std::map<uint64_t, std::string> names;
    walk("/", tree, names);
    return tree;
}

void KeelSide::walk(const std::string& path, Tree& tree, std::map<uint64_t, std::string>& names)
{
    fs::Context& c = m_context;
    TreeEntry& entry = tree[path];
    auto status = c.lstat(FsTest::view(path));
    if (status.is_error()) {
        entry.contents = std::string("lstat failed: ") + strerrorname_np(FsTest::error_of(status));
        return;
    }
    entry.mode = status.value().mode;
    entry.links = status.value().link_count;
    entry.size = status.value().size;
    auto [known, inserted] = names.emplace(status.value().inode, path);
    if (!inserted)
        entry.first_name_of_inode = known->second;
    fs::FileType type = fs::file_type_of(entry.mode);
    if (type == fs::FileType::Symlink) {
        char target[fs::PATH_LENGTH_MAX];
        auto length = c.readlink(FsTest::view(path), target);
        entry.contents = length.is_error() ? std::string("readlink failed") : std::string(target, length.value());
    } else if (type == fs::FileType::Regular) {
        auto fd = c.open(FsTest::view(path), fs::open_flags::READ_ONLY | fs::open_flags::NO_FOLLOW);
        if (fd.is_error())
            return;
        uint8_t buffer[4096];
        for (;;) {
            auto got = c.read(fd.value(), buffer);
            if (got.is_error() || got.value() == 0)
                break;
            entry.contents.append(reinterpret_cast<char*>(buffer), got.value());
        }
        (void)c.close(fd.value());
    } else if (type == fs::FileType::Directory) {
        std::vector<std::string> children;
        auto fd = c.open(FsTest::view(path), fs::open_flags::READ_ONLY | fs::open_flags::DIRECTORY);
        if (fd.is_error()) {
            entry.contents = std::string("open failed: ") + strerrorname_np(FsTest::error_of(fd));
            return;
        }
        fs::DirectoryEntry child;
        while (true) {
            auto more = c.readdir(fd.value(), child);
            if (more.is_error() || !more.value())
                break;
            children.emplace_back(child.name, child.name_length);
        }
        (void)c.close(fd.value());
        for (const std::string& child_path : child_paths(path, std::move(children)))
            walk(child_path, tree, names);
    }
}

} // namespace fs_differential
