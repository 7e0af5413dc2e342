// Differential test of the VFS on a ramfs root against the host's file system.
//
// A fixed-seed generator (std::mt19937, seeds 1 to 400) builds random sequences of 40 to
// 80 file calls over a small pool of names, so that most calls meet something: existing and
// missing names, files where directories are expected, "." and "..", doubled and trailing
// slashes, absolute paths, hard links, and symbolic links that dangle, loop, or point at
// directories. Every call is made on Keel (through fs::Context, on a fresh Vfs with a
// ramfs root for each sequence) and on Linux (the POSIX calls, in a fresh directory of a
// tmpfs: /dev/shm, or /tmp when that is not one), and the two answers must agree: success
// or the errno, bytes read or written and the data read, offsets, link targets, getcwd,
// descriptor numbers (Keel gives the lowest free one), and for stat/lstat/fstat the file
// type, permission bits, link count and size (not the size of a directory, see below).
// After each sequence both trees are walked and compared whole: names, types, permission
// bits, link counts, sizes, contents, link targets, and which names are hard links of
// one file.
//
// How the host side sees the same namespace: the sequences run on a thread of their own
// that has unshared its file system attributes (unshare(CLONE_FS): root, current directory
// and umask become the thread's own) and chroot()s into the sequence's directory. So
// "/x", "..", chdir and absolute symbolic link targets mean on Linux exactly what they mean
// in Keel's Vfs, the rest of the test process keeps its directory and umask, and the host
// calls take the generated paths unchanged. chroot needs root (CAP_SYS_CHROOT); without it
// the test is skipped. Each sequence also draws a umask (022, 002, 077 or 0) and sets it on
// both sides.
//
// A failure prints the seed, the calls made so far with both answers, and how to replay
// it: KEEL_FS_DIFF_SEED=N runs only seed N and prints its whole log
// (`keel-unit-tests --gtest_filter='FsDifferential*'`); KEEL_FS_DIFF_SEEDS=N runs N seeds;
// KEEL_FS_DIFF_VERBOSE=1 prints the log of every run, also those that agree.
// A second test runs hand-written scripts the same way: limits (NAME_MAX, PATH_MAX, 40
// links in one lookup) and one minimal case for each difference the random sequences
// found. Differences that are Keel bugs are not avoided here: they fail the test until
// they are fixed.
//
// The reference is Linux 6.6 or later on a tmpfs (written against 6.18): older kernels
// answer O_CREAT|O_DIRECTORY differently (before 6.4) and number tmpfs directory offsets
// differently (before 6.6).
//
// Deliberate differences, and how the test keeps away from them:
//   - Directory sizes: a ramfs directory reports 4096 bytes (as ext4 does), tmpfs 20 bytes
//     an entry. st_size of directories is not compared.
//   - Inode numbers, device numbers, st_blocks, st_blksize and the times are not compared
//     (Keel's times are clock_ns() since boot; blocks count whole pages, both differ by
//     design). Hard links are compared as "these names share one inode" on each side.
//   - Permissions are not enforced by Keel (no users yet); the test runs as root, which
//     bypasses them on Linux too, so modes are only compared as stored bits.
//   - Access mode 3 (O_RDWR|O_WRONLY): Linux opens for neither reading nor writing (ioctl
//     only), Keel refuses with EINVAL (fs_vfs_test.cpp checks it). Never generated.
//   - O_TRUNC with O_RDONLY, which POSIX leaves undefined: Linux truncates a regular file
//     (and refuses a directory with EISDIR), Keel truncates only when the file is opened
//     for writing. O_TRUNC is only generated with O_WRONLY or O_RDWR.
//   - Directory offsets: tmpfs and ramfs number directory positions differently, so
//     directories are not read through the generated descriptors (only lseek on them is
//     compared, which both do alike: SEEK_SET/SEEK_CUR any non-negative value, SEEK_END
//     EINVAL; not compared when the host directory is not on a tmpfs).
//   - Limits that are Keel's own: OPEN_MAX (64) descriptors and the ramfs's largest file
//     (PageStore::MAX_PAGES pages: EFBIG beyond, where Linux's tmpfs goes to 2^63 - 1); the
//     test keeps at most MAX_OPEN descriptors open and offsets far below both.
#include "fs_test_support.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/magic.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using fs_test::FsTest;

// The generated flags go to both sides unchanged: Keel uses Linux's values.
static_assert(fs::open_flags::WRITE_ONLY == O_WRONLY && fs::open_flags::READ_WRITE == O_RDWR);
static_assert(fs::open_flags::CREATE == O_CREAT && fs::open_flags::EXCLUSIVE == O_EXCL);
static_assert(fs::open_flags::TRUNCATE == O_TRUNC && fs::open_flags::APPEND == O_APPEND);
static_assert(fs::open_flags::DIRECTORY == O_DIRECTORY && fs::open_flags::NO_FOLLOW == O_NOFOLLOW);
static_assert(fs::mode::TYPE_MASK == S_IFMT && fs::mode::DIRECTORY == S_IFDIR && fs::mode::SYMLINK == S_IFLNK);

constexpr unsigned DEFAULT_SEED_COUNT = 400;
constexpr unsigned MIN_OPERATIONS = 40;
constexpr unsigned MAX_OPERATIONS = 80;
constexpr size_t MAX_OPEN = 8;
// Sequences whose failures are printed in full; later ones are only counted and listed.
constexpr unsigned FAILURES_SHOWN = 3;

// The name pool. Short names collide often; "l" and "m" are usually made symbolic links.
const std::vector<std::string> PATHS = {
    "a", "b", "c", "x", "l", "m", "a/b", "a/c", "b/a", "a/b/c", "a/l", "l/a", "l/b", "m/a",
    "a/", "b/", "l/", "m/", "a/b/", "x/", "a//", "./a//b", "../a", "../x", "a/../b", "l/../a",
    "a/.", "a/..", ".", "..", "./", "/", "/a", "/x", "/a/b", "//a/./b", "/l", "/l/", "/../a",
    "", "nope/a", "a/b/../../c", "x/y",
    std::string(255, 'n'), std::string(256, 'n'),
};
// What the generated symbolic links point at: relative and absolute, existing or not,
// themselves (loops), directories with and without a slash.
const std::vector<std::string> TARGETS = {
    "a", "b", "c", "x", "a/b", "../a", "l", "m", "/a", "/x/y", ".", "..", "a/", "nope",
    "b/c", "../../a", "/", "l/a", "m/", "./a//b", "",
};

// `text` in quotes, with bytes that are not printable escaped; long ones cut short.
std::string quoted(const std::string& text)
{
    std::string shown;
    for (char byte : text.substr(0, text.size() > 40 ? 3 : text.size())) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(byte));
        shown += byte >= ' ' && byte <= '~' ? std::string(1, byte) : std::string(escaped);
    }
    if (text.size() > 40)
        return "\"" + shown + "...\" (" + std::to_string(text.size()) + " chars)";
    return "\"" + shown + "\"";
}

std::string octal(unsigned value)
{
    std::ostringstream out;
    out << "0" << std::oct << value;
    return out.str();
}

std::string flags_text(int flags)
{
    std::string text = (flags & O_ACCMODE) == O_RDONLY ? "O_RDONLY" : (flags & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : "O_RDWR";
    const std::pair<int, const char*> names[] = { { O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_TRUNC, "O_TRUNC" },
        { O_APPEND, "O_APPEND" }, { O_DIRECTORY, "O_DIRECTORY" }, { O_NOFOLLOW, "O_NOFOLLOW" } };
    for (auto [bit, name] : names) {
        if (flags & bit)
            text += std::string("|") + name;
    }
    return text;
}

// One side's answer to one call.
struct Outcome {
    int error = 0;     // errno; 0 for success
    int64_t value = 0; // bytes, offsets, lengths
    std::string data;  // bytes read, a link's target, getcwd's path
    bool has_stat = false;
    uint32_t mode = 0;
    uint32_t links = 0;
    uint64_t size = 0;

    static Outcome failure(int error_number)
    {
        Outcome outcome;
        outcome.error = error_number;
        return outcome;
    }
    void set_stat(uint32_t stat_mode, uint32_t link_count, uint64_t stat_size)
    {
        has_stat = true;
        mode = stat_mode;
        links = link_count;
        size = stat_size;
    }
    bool is_directory() const { return (mode & S_IFMT) == S_IFDIR; }

    bool operator==(const Outcome& other) const
    {
        if (error != other.error)
            return false;
        if (error)
            return true;
        if (value != other.value || data != other.data || has_stat != other.has_stat)
            return false;
        if (!has_stat)
            return true;
        return mode == other.mode && links == other.links && (is_directory() || size == other.size);
    }

    std::string text() const
    {
        std::ostringstream out;
        if (error) {
            out << "error " << error << " (" << strerrorname_np(error) << ")";
            return out.str();
        }
        out << value;
        if (!data.empty())
            out << " " << quoted(data);
        if (has_stat) {
            out << " {mode " << octal(mode) << ", links " << links;
            if (!is_directory())
                out << ", size " << size;
            out << "}";
        }
        return out.str();
    }
};

template<typename T>
int error_of(const kstd::Result<T>& result)
{
    return result.is_error() ? static_cast<int>(result.error().code()) : 0;
}

kstd::StringView view(const std::string& text)
{
    return { text.data(), text.size() };
}

Outcome from_keel_stat(kstd::Result<fs::Stat> status)
{
    if (status.is_error())
        return Outcome::failure(error_of(status));
    Outcome outcome;
    outcome.set_stat(status.value().mode, status.value().link_count, status.value().size);
    return outcome;
}

Outcome from_host_stat(int result, const struct stat& status)
{
    if (result != 0)
        return Outcome::failure(errno);
    Outcome outcome;
    outcome.set_stat(status.st_mode, static_cast<uint32_t>(status.st_nlink), static_cast<uint64_t>(status.st_size));
    return outcome;
}

Outcome from_keel_void(const kstd::Result<void>& result)
{
    return Outcome::failure(error_of(result));
}

Outcome from_host_int(int result)
{
    return result == 0 ? Outcome {} : Outcome::failure(errno);
}

// One generated call, with its arguments drawn up front so that both sides get the same.
struct Operation {
    enum Kind {
        Open, Close, Read, Write, Seek, Fstat, Ftruncate, Stat, Lstat, Truncate, Mkdir, Rmdir, Unlink,
        Rename, Link, Symlink, Readlink, Chdir, Getcwd,
    };
    Kind kind = Open;
    std::string path;
    std::string other; // rename/link: the new path; symlink: the target
    int flags = 0;
    unsigned mode = 0;
    size_t slot = 0;   // index into the descriptor tables
    int64_t number = 0; // read/readlink: buffer size; lseek: offset; truncate: size
    int whence = SEEK_SET;
    std::string bytes; // write

    // Calls for the hand-written scripts; `slot` is an index into the descriptor table.
    static Operation on(Kind kind, std::string path = {}, std::string other = {})
    {
        Operation operation;
        operation.kind = kind;
        operation.path = std::move(path);
        operation.other = std::move(other);
        return operation;
    }
    static Operation open(std::string path, int flags, unsigned mode = 0644)
    {
        Operation operation = on(Open, std::move(path));
        operation.flags = flags;
        operation.mode = mode;
        return operation;
    }
    static Operation on_slot(Kind kind, size_t slot, int64_t number = 0)
    {
        Operation operation = on(kind);
        operation.slot = slot;
        operation.number = number;
        return operation;
    }
    static Operation read(size_t slot, int64_t count) { return on_slot(Read, slot, count); }
    static Operation write(size_t slot, std::string bytes)
    {
        Operation operation = on_slot(Write, slot);
        operation.bytes = std::move(bytes);
        return operation;
    }
    static Operation seek(size_t slot, int64_t offset, int whence)
    {
        Operation operation = on_slot(Seek, slot, offset);
        operation.whence = whence;
        return operation;
    }
    static Operation fstat(size_t slot) { return on_slot(Fstat, slot); }
    static Operation stat(std::string path) { return on(Stat, std::move(path)); }
    static Operation lstat(std::string path) { return on(Lstat, std::move(path)); }
    static Operation mkdir(std::string path, unsigned mode = 0755)
    {
        Operation operation = on(Mkdir, std::move(path));
        operation.mode = mode;
        return operation;
    }
    static Operation rmdir(std::string path) { return on(Rmdir, std::move(path)); }
    static Operation unlink(std::string path) { return on(Unlink, std::move(path)); }
    static Operation rename(std::string from, std::string to) { return on(Rename, std::move(from), std::move(to)); }
    static Operation link(std::string from, std::string to) { return on(Link, std::move(from), std::move(to)); }
    static Operation symlink(std::string target, std::string path) { return on(Symlink, std::move(path), std::move(target)); }
    static Operation readlink(std::string path, int64_t size = 100)
    {
        Operation operation = on(Readlink, std::move(path));
        operation.number = size;
        return operation;
    }
    static Operation chdir(std::string path) { return on(Chdir, std::move(path)); }
    static Operation getcwd() { return on(Getcwd); }

    std::string text(int keel_fd) const
    {
        std::ostringstream out;
        std::string fd = "fd " + std::to_string(keel_fd);
        switch (kind) {
        case Open:
            out << "open(" << quoted(path) << ", " << flags_text(flags) << ", " << octal(mode) << ")";
            break;
        case Close:
            out << "close(" << fd << ")";
            break;
        case Read:
            out << "read(" << fd << ", " << number << ")";
            break;
        case Write:
            out << "write(" << fd << ", " << bytes.size() << " bytes)";
            break;
        case Seek:
            out << "lseek(" << fd << ", " << number << ", " << (whence == SEEK_SET ? "SEEK_SET" : whence == SEEK_CUR ? "SEEK_CUR" : "SEEK_END") << ")";
            break;
        case Fstat:
            out << "fstat(" << fd << ")";
            break;
        case Ftruncate:
            out << "ftruncate(" << fd << ", " << number << ")";
            break;
        case Stat:
            out << "stat(" << quoted(path) << ")";
            break;
        case Lstat:
            out << "lstat(" << quoted(path) << ")";
            break;
        case Truncate:
            out << "truncate(" << quoted(path) << ", " << number << ")";
            break;
        case Mkdir:
            out << "mkdir(" << quoted(path) << ", " << octal(mode) << ")";
            break;
        case Rmdir:
            out << "rmdir(" << quoted(path) << ")";
            break;
        case Unlink:
            out << "unlink(" << quoted(path) << ")";
            break;
        case Rename:
            out << "rename(" << quoted(path) << ", " << quoted(other) << ")";
            break;
        case Link:
            out << "link(" << quoted(path) << ", " << quoted(other) << ")";
            break;
        case Symlink:
            out << "symlink(" << quoted(other) << ", " << quoted(path) << ")";
            break;
        case Readlink:
            out << "readlink(" << quoted(path) << ", " << number << ")";
            break;
        case Chdir:
            out << "chdir(" << quoted(path) << ")";
            break;
        case Getcwd:
            out << "getcwd()";
            break;
        }
        return out.str();
    }
};

class Generator {
public:
    explicit Generator(unsigned seed) : m_random(seed) {}

    size_t below(size_t bound) { return static_cast<size_t>(m_random() % bound); }
    bool chance(size_t one_in) { return below(one_in) == 0; }
    template<typename T>
    const T& pick(const std::vector<T>& choices) { return choices[below(choices.size())]; }

    // One path in six comes from the names symbolic links are usually made under, so that
    // most sequences have a few links to walk through.
    const std::string& path() { return chance(6) ? pick(LINK_NAMES) : pick(PATHS); }

    // The next call, when `open_count` descriptors are open (MAX_OPEN at most).
    Operation next(size_t open_count)
    {
        static const std::vector<std::pair<Operation::Kind, unsigned>> WEIGHTS = {
            { Operation::Open, 18 }, { Operation::Close, 6 }, { Operation::Read, 8 }, { Operation::Write, 9 },
            { Operation::Seek, 5 }, { Operation::Fstat, 3 }, { Operation::Ftruncate, 3 }, { Operation::Stat, 5 },
            { Operation::Lstat, 4 }, { Operation::Truncate, 3 }, { Operation::Mkdir, 9 }, { Operation::Rmdir, 5 },
            { Operation::Unlink, 5 }, { Operation::Rename, 7 }, { Operation::Link, 4 }, { Operation::Symlink, 8 },
            { Operation::Readlink, 3 }, { Operation::Chdir, 4 }, { Operation::Getcwd, 2 },
        };
        unsigned total = 0;
        for (auto& [kind, weight] : WEIGHTS)
            total += weight;
        unsigned roll = static_cast<unsigned>(below(total));
        Operation operation;
        for (auto& [kind, weight] : WEIGHTS) {
            if (roll < weight) {
                operation.kind = kind;
                break;
            }
            roll -= weight;
        }
        bool on_descriptor = operation.kind >= Operation::Close && operation.kind <= Operation::Ftruncate;
        if (on_descriptor && open_count == 0)
            operation.kind = Operation::Open;
        if (operation.kind == Operation::Open && open_count == MAX_OPEN)
            operation.kind = Operation::Close;
        if (operation.kind >= Operation::Close && operation.kind <= Operation::Ftruncate)
            operation.slot = below(open_count);

        static const std::vector<int64_t> SIZES = { 0, 1, 3, 10, 100, 4096, 5000, 70000 };
        static const std::vector<int64_t> OFFSETS = { -10, -1, 0, 1, 7, 100, 4095, 5000, 70000 };
        switch (operation.kind) {
        case Operation::Open: {
            operation.path = path();
            static const std::vector<int> ACCESS = { O_RDONLY, O_WRONLY, O_RDWR };
            operation.flags = pick(ACCESS);
            // O_TRUNC only with write access (see the top).
            const unsigned truncate_one_in = operation.flags == O_RDONLY ? 0 : 5;
            const int extras[] = { O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW };
            const unsigned one_in[] = { 2, 5, truncate_one_in, 5, 8, 8 };
            for (size_t i = 0; i < std::size(extras); ++i) {
                if (one_in[i] && chance(one_in[i]))
                    operation.flags |= extras[i];
            }
            static const std::vector<unsigned> MODES = { 0644, 0666, 0600, 0777, 0, 0640, 04755 };
            operation.mode = pick(MODES);
            break;
        }
        case Operation::Read:
            operation.number = pick(SIZES);
            break;
        case Operation::Write: {
            size_t length = static_cast<size_t>(pick(SIZES));
            operation.bytes.resize(length);
            for (char& byte : operation.bytes)
                byte = static_cast<char>('A' + below(26));
            break;
        }
        case Operation::Seek: {
            static const std::vector<int> WHENCE = { SEEK_SET, SEEK_CUR, SEEK_END };
            operation.whence = pick(WHENCE);
            operation.number = pick(OFFSETS);
            break;
        }
        case Operation::Ftruncate:
            operation.number = pick(SIZES);
            break;
        case Operation::Truncate:
            operation.path = path();
            operation.number = pick(SIZES);
            break;
        case Operation::Mkdir: {
            operation.path = path();
            static const std::vector<unsigned> MODES = { 0777, 0755, 0700, 01777, 0750 };
            operation.mode = pick(MODES);
            break;
        }
        case Operation::Rename:
        case Operation::Link:
            operation.path = path();
            operation.other = path();
            break;
        case Operation::Symlink:
            operation.path = chance(2) ? pick(LINK_NAMES) : path();
            operation.other = chance(30) ? std::string(4096, 't') : pick(TARGETS);
            break;
        case Operation::Readlink: {
            operation.path = chance(2) ? pick(LINK_NAMES) : path();
            static const std::vector<int64_t> BUFFERS = { 1, 2, 4, 64, 4096 };
            operation.number = pick(BUFFERS);
            break;
        }
        case Operation::Close:
        case Operation::Fstat:
        case Operation::Getcwd:
            break;
        default:
            operation.path = path();
            break;
        }
        return operation;
    }

    unsigned operation_count() { return MIN_OPERATIONS + static_cast<unsigned>(below(MAX_OPERATIONS - MIN_OPERATIONS + 1)); }
    unsigned umask()
    {
        static const std::vector<unsigned> MASKS = { 022, 022, 002, 077, 0 };
        return pick(MASKS);
    }

private:
    inline static const std::vector<std::string> LINK_NAMES = { "l", "m", "a/l", "l/", "m/a" };
    std::mt19937 m_random;
};

// One node of a tree walk.
struct TreeEntry {
    uint32_t mode = 0;
    uint32_t links = 0;
    uint64_t size = 0;
    std::string contents; // a file's bytes, a link's target, or an error on that side
    std::string first_name_of_inode; // the first path (in walk order) with the same inode

    bool operator==(const TreeEntry& other) const
    {
        bool directory = (mode & S_IFMT) == S_IFDIR;
        return mode == other.mode && links == other.links && (directory || size == other.size) && contents == other.contents
            && first_name_of_inode == other.first_name_of_inode;
    }
    std::string text() const
    {
        std::ostringstream out;
        out << "{mode " << octal(mode) << ", links " << links << ", size " << size << ", " << quoted(contents);
        if (!first_name_of_inode.empty())
            out << ", same file as " << first_name_of_inode;
        out << "}";
        return out.str();
    }
};
using Tree = std::map<std::string, TreeEntry>;

// The host's side: plain POSIX calls on this thread, which is chroot()ed into the
// sequence's directory.
class HostSide {
public:
    Outcome run(const Operation& operation, std::vector<int>& fds)
    {
        const char* path = operation.path.c_str();
        const char* other = operation.other.c_str();
        int fd = operation.slot < fds.size() ? fds[operation.slot] : -1;
        switch (operation.kind) {
        case Operation::Open: {
            int opened = ::open(path, operation.flags, operation.mode);
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
            ssize_t got = ::read(fd, buffer.data(), buffer.size());
            if (got < 0)
                return Outcome::failure(errno);
            Outcome outcome;
            outcome.value = got;
            outcome.data = buffer.substr(0, static_cast<size_t>(got));
            return outcome;
        }
        case Operation::Write: {
            ssize_t put = ::write(fd, operation.bytes.data(), operation.bytes.size());
            if (put < 0)
                return Outcome::failure(errno);
            Outcome outcome;
            outcome.value = put;
            return outcome;
        }
        case Operation::Seek: {
            off_t at = ::lseek(fd, operation.number, operation.whence);
            if (at < 0)
                return Outcome::failure(errno);
            Outcome outcome;
            outcome.value = at;
            return outcome;
        }
        case Operation::Fstat: {
            struct stat status {};
            int result = ::fstat(fd, &status);
            return from_host_stat(result, status);
        }
        case Operation::Ftruncate:
            return from_host_int(::ftruncate(fd, operation.number));
        case Operation::Stat: {
            struct stat status {};
            int result = ::stat(path, &status);
            return from_host_stat(result, status);
        }
        case Operation::Lstat: {
            struct stat status {};
            int result = ::lstat(path, &status);
            return from_host_stat(result, status);
        }
        case Operation::Truncate:
            return from_host_int(::truncate(path, operation.number));
        case Operation::Mkdir:
            return from_host_int(::mkdir(path, operation.mode));
        case Operation::Rmdir:
            return from_host_int(::rmdir(path));
        case Operation::Unlink:
            return from_host_int(::unlink(path));
        case Operation::Rename:
            return from_host_int(::rename(path, other));
        case Operation::Link:
            return from_host_int(::link(path, other));
        case Operation::Symlink:
            return from_host_int(::symlink(other, path));
        case Operation::Readlink: {
            std::string buffer(static_cast<size_t>(operation.number), '\0');
            ssize_t length = ::readlink(path, buffer.data(), buffer.size());
            if (length < 0)
                return Outcome::failure(errno);
            Outcome outcome;
            outcome.value = length;
            outcome.data = buffer.substr(0, static_cast<size_t>(length));
            return outcome;
        }
        case Operation::Chdir:
            return from_host_int(::chdir(path));
        case Operation::Getcwd: {
            char buffer[PATH_MAX];
            if (!::getcwd(buffer, sizeof buffer))
                return Outcome::failure(errno);
            Outcome outcome;
            outcome.data = buffer;
            outcome.value = static_cast<int64_t>(outcome.data.size());
            return outcome;
        }
        }
        return Outcome::failure(-1);
    }

    void close_all(std::vector<int>& fds)
    {
        for (int fd : fds)
            ::close(fd);
        fds.clear();
    }

    Tree walk()
    {
        Tree tree;
        std::map<std::pair<dev_t, ino_t>, std::string> names;
        walk("/", tree, names);
        return tree;
    }

private:
    void walk(const std::string& path, Tree& tree, std::map<std::pair<dev_t, ino_t>, std::string>& names)
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
                while (dirent* child = ::readdir(directory)) {
                    std::string name = child->d_name;
                    if (name != "." && name != "..")
                        children.push_back(name);
                }
                ::closedir(directory);
            }
            std::sort(children.begin(), children.end());
            for (const std::string& name : children)
                walk(path == "/" ? "/" + name : path + "/" + name, tree, names);
        }
    }
};

// Keel's side: the same calls through an fs::Context.
class KeelSide {
public:
    explicit KeelSide(fs::Context& context) : m_context(context) {}

    Outcome run(const Operation& operation, std::vector<int>& fds)
    {
        fs::Context& c = m_context;
        kstd::StringView path = view(operation.path);
        kstd::StringView other = view(operation.other);
        int fd = operation.slot < fds.size() ? fds[operation.slot] : -1;
        switch (operation.kind) {
        case Operation::Open: {
            auto opened = c.open(path, static_cast<uint32_t>(operation.flags), operation.mode);
            if (opened.is_error())
                return Outcome::failure(error_of(opened));
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
            auto got = c.read(fd, { reinterpret_cast<uint8_t*>(buffer.data()), buffer.size() });
            if (got.is_error())
                return Outcome::failure(error_of(got));
            Outcome outcome;
            outcome.value = static_cast<int64_t>(got.value());
            outcome.data = buffer.substr(0, got.value());
            return outcome;
        }
        case Operation::Write: {
            auto put = c.write(fd, { reinterpret_cast<const uint8_t*>(operation.bytes.data()), operation.bytes.size() });
            if (put.is_error())
                return Outcome::failure(error_of(put));
            Outcome outcome;
            outcome.value = static_cast<int64_t>(put.value());
            return outcome;
        }
        case Operation::Seek: {
            auto at = c.lseek(fd, operation.number, static_cast<fs::Whence>(operation.whence));
            if (at.is_error())
                return Outcome::failure(error_of(at));
            Outcome outcome;
            outcome.value = static_cast<int64_t>(at.value());
            return outcome;
        }
        case Operation::Fstat:
            return from_keel_stat(c.fstat(fd));
        case Operation::Ftruncate:
            return from_keel_void(c.ftruncate(fd, static_cast<uint64_t>(operation.number)));
        case Operation::Stat:
            return from_keel_stat(c.stat(path));
        case Operation::Lstat:
            return from_keel_stat(c.lstat(path));
        case Operation::Truncate:
            return from_keel_void(c.truncate(path, static_cast<uint64_t>(operation.number)));
        case Operation::Mkdir:
            return from_keel_void(c.mkdir(path, operation.mode));
        case Operation::Rmdir:
            return from_keel_void(c.rmdir(path));
        case Operation::Unlink:
            return from_keel_void(c.unlink(path));
        case Operation::Rename:
            return from_keel_void(c.rename(path, other));
        case Operation::Link:
            return from_keel_void(c.link(path, other));
        case Operation::Symlink:
            return from_keel_void(c.symlink(other, path));
        case Operation::Readlink: {
            std::string buffer(static_cast<size_t>(operation.number), '\0');
            auto length = c.readlink(path, { buffer.data(), buffer.size() });
            if (length.is_error())
                return Outcome::failure(error_of(length));
            Outcome outcome;
            outcome.value = static_cast<int64_t>(length.value());
            outcome.data = buffer.substr(0, length.value());
            return outcome;
        }
        case Operation::Chdir:
            return from_keel_void(c.chdir(path));
        case Operation::Getcwd: {
            char buffer[fs::PATH_LENGTH_MAX];
            auto length = c.getcwd(buffer);
            if (length.is_error())
                return Outcome::failure(error_of(length));
            Outcome outcome;
            outcome.data.assign(buffer, length.value());
            outcome.value = static_cast<int64_t>(length.value());
            return outcome;
        }
        }
        return Outcome::failure(-1);
    }

    void close_all(std::vector<int>& fds)
    {
        for (int fd : fds)
            (void)m_context.close(fd);
        fds.clear();
    }

    Tree walk()
    {
        Tree tree;
        std::map<uint64_t, std::string> names;
        walk("/", tree, names);
        return tree;
    }

private:
    void walk(const std::string& path, Tree& tree, std::map<uint64_t, std::string>& names)
    {
        fs::Context& c = m_context;
        TreeEntry& entry = tree[path];
        auto status = c.lstat(view(path));
        if (status.is_error()) {
            entry.contents = std::string("lstat failed: ") + strerrorname_np(error_of(status));
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
            auto length = c.readlink(view(path), target);
            entry.contents = length.is_error() ? std::string("readlink failed") : std::string(target, length.value());
        } else if (type == fs::FileType::Regular) {
            auto fd = c.open(view(path), fs::open_flags::READ_ONLY | fs::open_flags::NO_FOLLOW);
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
            auto fd = c.open(view(path), fs::open_flags::READ_ONLY | fs::open_flags::DIRECTORY);
            if (fd.is_error()) {
                entry.contents = std::string("open failed: ") + strerrorname_np(error_of(fd));
                return;
            }
            fs::DirectoryEntry child;
            while (true) {
                auto more = c.readdir(fd.value(), child);
                if (more.is_error() || !more.value())
                    break;
                std::string name(child.name, child.name_length);
                if (name != "." && name != "..")
                    children.push_back(name);
            }
            (void)c.close(fd.value());
            std::sort(children.begin(), children.end());
            for (const std::string& name : children)
                walk(path == "/" ? "/" + name : path + "/" + name, tree, names);
        }
    }

    fs::Context& m_context;
};

std::string tree_difference(const Tree& keel, const Tree& host)
{
    std::ostringstream out;
    for (const auto& [path, entry] : keel) {
        auto found = host.find(path);
        if (found == host.end())
            out << "  " << path << ": only in Keel " << entry.text() << "\n";
        else if (!(found->second == entry))
            out << "  " << path << ": Keel " << entry.text() << ", host " << found->second.text() << "\n";
    }
    for (const auto& [path, entry] : host) {
        if (!keel.count(path))
            out << "  " << path << ": only on the host " << entry.text() << "\n";
    }
    return out.str();
}

unsigned environment_number(const char* name, unsigned fallback)
{
    const char* text = std::getenv(name);
    return text && *text ? static_cast<unsigned>(std::strtoul(text, nullptr, 10)) : fallback;
}

// Where the host side lives: a fresh directory on a tmpfs, removed at the end.
class HostDirectory {
public:
    HostDirectory()
    {
        struct statfs figures {};
        m_on_tmpfs = ::statfs("/dev/shm", &figures) == 0 && figures.f_type == TMPFS_MAGIC;
        std::string pattern = std::string(m_on_tmpfs ? "/dev/shm" : "/tmp") + "/keel-fs-diff-XXXXXX";
        if (::mkdtemp(pattern.data()))
            m_path = pattern;
        if (!m_on_tmpfs && !m_path.empty())
            m_on_tmpfs = ::statfs(m_path.c_str(), &figures) == 0 && figures.f_type == TMPFS_MAGIC;
    }
    ~HostDirectory()
    {
        if (!m_path.empty())
            remove_tree(m_path);
    }
    const std::string& path() const { return m_path; }
    bool on_tmpfs() const { return m_on_tmpfs; }

    static void remove_tree(const std::string& path)
    {
        ::nftw(path.c_str(), [](const char* name, const struct stat*, int, FTW*) { return ::remove(name); }, 16,
               FTW_DEPTH | FTW_PHYS);
    }

private:
    std::string m_path;
    bool m_on_tmpfs = false;
};

// Where the calls of one run come from: the generator, or a fixed script. nullopt ends it.
using OperationSource = std::function<std::optional<Operation>(size_t open_count)>;

struct FsDifferentialTest : FsTest {
    // Runs `body` on a thread with its own root, current directory and umask (see the top);
    // `outside` is a descriptor of the real root, to leave each chroot by. False when
    // chroot is not allowed (not root).
    bool on_sandbox_thread(const std::function<void(int outside)>& body)
    {
        EXPECT_FALSE(m_host_directory.path().empty()) << "mkdtemp: " << strerror(errno);
        if (m_host_directory.path().empty())
            return true;
        bool allowed = true;
        std::thread runner([&] {
            if (::unshare(CLONE_FS) != 0) {
                ADD_FAILURE() << "unshare(CLONE_FS): " << strerror(errno);
                return;
            }
            int outside = ::open("/", O_PATH | O_DIRECTORY);
            if (outside < 0 || ::chroot("/") != 0) {
                allowed = false; // no CAP_SYS_CHROOT
            } else {
                body(outside);
            }
            if (outside >= 0)
                ::close(outside);
        });
        runner.join();
        return allowed;
    }

    // Replaces the fixture's Vfs with a fresh one (a ramfs root), checking that the last
    // one gave back every byte and page.
    void fresh_keel(unsigned mask, const std::string& name)
    {
        context.reset();
        vfs.reset();
        EXPECT_EQ(heap_bytes_in_use(), baseline_heap_bytes) << "before " << name << ": the file system leaked heap memory";
        EXPECT_EQ(fs_test::ramfs_pages().pages_held(), 0u) << "before " << name << ": the file system leaked pages";
        vfs.emplace();
        fs::RamfsOptions options;
        options.pages = &fs_test::ramfs_pages();
        auto root = fs::make_ramfs(options);
        ASSERT_FALSE(root.is_error());
        ASSERT_FALSE(vfs->mount_root(root.value(), "test").is_error());
        context.emplace(*vfs);
        context->set_umask(mask);
    }

    // Runs the calls of `next` on both sides, from empty trees, then compares the trees.
    // Returns the first difference ("" if none) and leaves the log in m_log. With
    // `keep_going`, a difference where both sides failed (so neither changed anything) does
    // not end the run: the next difference is reported too.
    std::string run(const std::string& name, unsigned mask, const OperationSource& next, int outside, bool keep_going = false)
    {
        fresh_keel(mask, name);
        if (::testing::Test::HasFatalFailure())
            return "could not make a fresh Vfs";
        std::string directory = m_host_directory.path() + "/" + std::to_string(++m_runs);
        if (::mkdir(directory.c_str(), 0755) != 0 || ::chmod(directory.c_str(), 0755) != 0 || ::chdir(directory.c_str()) != 0
            || ::chroot(".") != 0 || ::chdir("/") != 0)
            return std::string("could not enter the host directory: ") + strerror(errno);
        ::umask(mask);

        KeelSide keel(*context);
        HostSide host;
        std::vector<int> keel_fds, host_fds;
        std::vector<bool> is_directory; // per slot
        std::ostringstream log;
        log << name << ", umask " << octal(mask) << "\n";
        std::string differences;
        for (unsigned index = 0;; ++index) {
            std::optional<Operation> operation = next(keel_fds.size());
            if (!operation)
                break;
            bool on_slot = operation->kind >= Operation::Close && operation->kind <= Operation::Ftruncate;
            if (on_slot && operation->slot >= keel_fds.size())
                continue; // a script's descriptor that did not open: both sides agreed on that already
            // Directory offsets are only compared on a tmpfs (see the top).
            if (operation->kind == Operation::Seek && is_directory[operation->slot] && !m_host_directory.on_tmpfs())
                continue;
            int keel_fd = on_slot ? keel_fds[operation->slot] : -1;
            int lowest_free = 0;
            while (std::find(keel_fds.begin(), keel_fds.end(), lowest_free) != keel_fds.end())
                ++lowest_free;
            Outcome keel_outcome = keel.run(*operation, keel_fds);
            Outcome host_outcome = host.run(*operation, host_fds);
            std::string line = "  " + std::to_string(index) + ": " + operation->text(keel_fd);
            if (operation->kind == Operation::Open && !keel_outcome.error)
                line += " = fd " + std::to_string(keel_fds.back());
            bool differs = !(keel_outcome == host_outcome);
            if (differs)
                line += "\n      Keel: " + keel_outcome.text() + "\n      host: " + host_outcome.text();
            else
                line += " -> " + keel_outcome.text();
            if (operation->kind == Operation::Open && !keel_outcome.error && !host_outcome.error) {
                if (keel_fds.back() != lowest_free) {
                    line += "\n      Keel gave fd " + std::to_string(keel_fds.back()) + ", not the lowest free one, " + std::to_string(lowest_free);
                    differs = true;
                }
                auto status = context->fstat(keel_fds.back());
                is_directory.push_back(!status.is_error() && fs::file_type_of(status.value().mode) == fs::FileType::Directory);
            }
            if (operation->kind == Operation::Close)
                is_directory.erase(is_directory.begin() + static_cast<ptrdiff_t>(operation->slot));
            log << line << "\n";
            if (differs)
                differences += (differences.empty() ? "" : "; ") + operation->text(keel_fd);
            // After a difference the trees may differ too: stop, unless both sides failed and
            // the caller wants every difference. Stop also if only one side opened a file.
            bool both_failed = keel_outcome.error && host_outcome.error;
            if (keel_fds.size() != host_fds.size() || (differs && (!keep_going || !both_failed)))
                break;
        }
        keel.close_all(keel_fds);
        host.close_all(host_fds);
        if (differences.empty()) {
            std::string trees = tree_difference(keel.walk(), host.walk());
            if (!trees.empty()) {
                log << "  the trees differ at the end:\n" << trees;
                differences = "the trees at the end";
            }
        }
        // Back out of the chroot and remove the host directory.
        if (::fchdir(outside) != 0 || ::chroot(".") != 0)
            ADD_FAILURE() << "could not leave the chroot: " << strerror(errno);
        HostDirectory::remove_tree(directory);
        m_log = log.str();
        return differences;
    }

    HostDirectory m_host_directory;
    unsigned m_runs = 0;
    std::string m_log;
};

TEST_F(FsDifferentialTest, RandomSequencesAnswerAsLinuxDoes)
{
    unsigned only_seed = environment_number("KEEL_FS_DIFF_SEED", 0);
    unsigned seed_count = environment_number("KEEL_FS_DIFF_SEEDS", DEFAULT_SEED_COUNT);
    unsigned failures = 0;
    std::string failing_seeds;
    bool allowed = on_sandbox_thread([&](int outside) {
        unsigned first = only_seed ? only_seed : 1;
        unsigned last = only_seed ? only_seed : seed_count;
        for (unsigned seed = first; seed <= last; ++seed) {
            Generator generator(seed);
            unsigned mask = generator.umask();
            unsigned remaining = generator.operation_count();
            std::string difference = run("seed " + std::to_string(seed), mask, [&](size_t open_count) -> std::optional<Operation> {
                if (remaining == 0)
                    return std::nullopt;
                --remaining;
                return generator.next(open_count);
            }, outside);
            if (only_seed || environment_number("KEEL_FS_DIFF_VERBOSE", 0))
                std::printf("%s", m_log.c_str());
            if (difference.empty())
                continue;
            ++failures;
            failing_seeds += "\n  seed " + std::to_string(seed) + ": " + difference;
            if (failures <= FAILURES_SHOWN)
                ADD_FAILURE() << "Keel and the host differ (replay: KEEL_FS_DIFF_SEED=" << seed << ")\n" << m_log;
        }
    });
    if (!allowed)
        GTEST_SKIP() << "chroot() needs root (CAP_SYS_CHROOT)";
    EXPECT_EQ(failures, 0u) << "sequences that differ, each with its first difference:" << failing_seeds;
}

// Hand-written cases for what random sequences rarely reach (limits, long chains), and one
// minimal case for each difference the random sequences have found, so that a fix shows
// at once which rule it settled. Each runs like a sequence, from empty trees; differences
// where both sides fail are all reported, not only the first.
struct Script {
    const char* name;
    std::vector<Operation> operations;
};

std::vector<Script> scripts()
{
    using O = Operation;
    const std::string long_target = [] {
        std::string text;
        while (text.size() < 4000)
            text += "./";
        return text;
    }();
    std::vector<Operation> chain = { O::mkdir("d") };
    for (int i = 1; i <= 41; ++i)
        chain.push_back(O::symlink(i == 1 ? "d" : "l" + std::to_string(i - 1), "l" + std::to_string(i)));
    for (const char* path : { "l40", "l40/", "l40/.", "l41", "l41/", "l41/." })
        chain.push_back(O::stat(path));
    chain.push_back(O::lstat("l41"));
    std::string path_4095, path_4096;
    while (path_4096.size() < 4096)
        path_4096 += "./";
    path_4095 = path_4096.substr(0, 4095);
    std::string link_4095(4095, 't');

    return {
        { "symbolic links: 40 are followed in one lookup, the 41st is ELOOP", chain },
        { "limits: a name of 255 bytes, a path of 4095 and a link target of 4095 work; one byte more is ENAMETOOLONG",
          { O::mkdir(std::string(255, 'n')), O::mkdir(std::string(256, 'n')), O::stat(path_4095), O::stat(path_4096),
            O::symlink(link_4095, "l"), O::readlink("l", 4096), O::symlink(link_4095 + "t", "m") } },
        { "a write of nothing with O_APPEND leaves the offset alone",
          { O::open("f", O_WRONLY | O_CREAT | O_APPEND), O::write(0, "abc"), O::seek(0, 1, SEEK_SET), O::write(0, ""),
            O::seek(0, 0, SEEK_CUR) } },
        { "offsets: negative and overflowing ones are EINVAL, holes read as zeros",
          { O::open("f", O_RDWR | O_CREAT), O::seek(0, -1, SEEK_SET), O::seek(0, 5000, SEEK_SET), O::write(0, "x"),
            O::seek(0, INT64_MAX, SEEK_SET), O::seek(0, 1, SEEK_CUR), O::seek(0, 4998, SEEK_SET), O::read(0, 10) } },
        { "an open file outlives its names",
          { O::open("f", O_RDWR | O_CREAT), O::write(0, "kept"), O::link("f", "g"), O::unlink("f"), O::fstat(0),
            O::unlink("g"), O::fstat(0), O::seek(0, 0, SEEK_SET), O::read(0, 10) } },
        { "renaming one name of a file onto another does nothing",
          { O::open("f", O_WRONLY | O_CREAT), O::link("f", "g"), O::rename("f", "g"), O::lstat("f"), O::lstat("./g") } },
        { "directories move with their link counts, and the current directory moves with them",
          { O::mkdir("a"), O::mkdir("a/b"), O::mkdir("c"), O::chdir("a/b"), O::rename("/a/b", "/c/b"), O::getcwd(),
            O::stat("/a"), O::stat("/c"), O::rename("/c", "/a/c"), O::getcwd(), O::stat(".."), O::stat("../.."),
            O::rename("/a", "/a/c/b/x"), O::rename("/a/c/b", "/a") } },
        // The differences found so far. Linux's answer is the one the test expects.
        { "rmdir of a link to a directory, with a slash: ENOTDIR (Keel removed the directory)",
          { O::mkdir("d"), O::symlink("d", "l"), O::rmdir("l/"), O::lstat("d") } },
        { "rename of a link to a directory, with a slash: ENOTDIR (Keel renamed the directory)",
          { O::mkdir("d"), O::symlink("d", "l"), O::rename("l/", "m"), O::lstat("d") } },
        { "unlink of a link to a directory, with a slash: ENOTDIR",
          { O::mkdir("d"), O::symlink("d", "l"), O::unlink("l/") } },
        { "mkdir of a dangling link, with a slash: EEXIST (Keel made the link's target)",
          { O::symlink("nowhere", "l"), O::mkdir("l/"), O::lstat("nowhere") } },
        { "mkdir, symlink, link onto an existing file with a slash: EEXIST",
          { O::open("f", O_WRONLY | O_CREAT), O::mkdir("f/"), O::symlink("x", "f/"), O::link("f", "f/") } },
        { "symlink and link onto a dangling link with a slash: EEXIST",
          { O::open("f", O_WRONLY | O_CREAT), O::symlink("nowhere", "l"), O::symlink("x", "l/"), O::link("f", "l/") } },
        { "open with O_CREAT of a name with a trailing slash: EISDIR",
          { O::open("f", O_WRONLY | O_CREAT), O::open("f/", O_WRONLY | O_CREAT) } },
        { "link checks the new name before refusing a directory",
          { O::mkdir("d"), O::link("d", "d"), O::link("d", "nowhere/x") } },
        { "rename looks up both parents, then refuses \".\", \"..\" and \"/\", then looks for the old name",
          { O::mkdir("d"), O::open("f", O_WRONLY | O_CREAT), O::rename("missing", ".."), O::rename("missing", "f/x"),
            O::rename(".", "missing/x"), O::rename("/", "f/x") } },
        { "rename of a file onto an ancestor directory: ENOTEMPTY",
          { O::mkdir("a"), O::open("a/f", O_WRONLY | O_CREAT), O::rename("a/f", "a") } },
        { "O_DIRECTORY|O_NOFOLLOW on a link: ENOTDIR",
          { O::mkdir("d"), O::symlink("d", "l"), O::open("l", O_RDONLY | O_DIRECTORY | O_NOFOLLOW) } },
        { "a removed current directory: getcwd is ENOENT and nothing can be made in it",
          { O::mkdir("a"), O::mkdir("b"), O::chdir("a"), O::rmdir("../a"), O::stat("."), O::getcwd(),
            O::open("f", O_WRONLY | O_CREAT), O::mkdir("d"), O::symlink("t", "l"), O::rename("/b", "b"), O::chdir(".."),
            O::getcwd() } },
        { "open with O_CREAT through a link whose target ends in a slash: EISDIR",
          { O::open("f", O_WRONLY | O_CREAT), O::symlink("m/", "m"), O::open("m", O_RDONLY | O_CREAT),
            O::symlink("f/", "n"), O::open("n", O_WRONLY | O_CREAT) } },
        { "rename looks up an over-long last name only after both parents",
          { O::rename(std::string(256, 'n'), "./a//b"), O::rename("b/", std::string(256, 'n')) } },
        { "a link's target and the rest of the path may together be longer than PATH_MAX",
          { O::symlink(long_target, "l"), O::stat("l"), O::stat("l/" + long_target.substr(0, 2000)) } },
    };
}

void run_scripts(FsDifferentialTest& test, const std::vector<Script>& list)
{
    bool allowed = test.on_sandbox_thread([&](int outside) {
        for (const Script& script : list) {
            size_t at = 0;
            std::string difference = test.run(script.name, 022, [&](size_t) -> std::optional<Operation> {
                if (at == script.operations.size())
                    return std::nullopt;
                return script.operations[at++];
            }, outside, true);
            if (!difference.empty())
                ADD_FAILURE() << "Keel and the host differ: " << difference << "\n" << test.m_log;
            else if (environment_number("KEEL_FS_DIFF_VERBOSE", 0))
                std::printf("%s", test.m_log.c_str());
        }
    });
    if (!allowed)
        GTEST_SKIP() << "chroot() needs root (CAP_SYS_CHROOT)";
}

TEST_F(FsDifferentialTest, EdgeCasesAnswerAsLinuxDoes)
{
    run_scripts(*this, scripts());
}

} // namespace
