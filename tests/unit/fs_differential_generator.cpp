// How the file system differential test draws its random calls (see
// fs_differential_generator.hpp): the pools of names and link targets, the weights of the
// calls and the values their arguments are drawn from. Which flags are never drawn, and
// why, is listed at the top of fs_differential_test.cpp.
#include "fs_differential_generator.hpp"

#include <fcntl.h>

namespace fs_differential {

namespace {

constexpr unsigned MIN_OPERATIONS = 40;
constexpr unsigned MAX_OPERATIONS = 80;
constexpr size_t MAX_OPEN = 8;

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
// The names symbolic links are usually made under.
const std::vector<std::string> LINK_NAMES = { "l", "m", "a/l", "l/", "m/a" };

} // namespace

// One path in six comes from the names symbolic links are usually made under, so that
// most sequences have a few links to walk through.
const std::string& Generator::path()
{
    return chance(6) ? pick(LINK_NAMES) : pick(PATHS);
}

Operation Generator::next(size_t open_count)
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
    if (operation.on_descriptor() && open_count == 0)
        operation.kind = Operation::Open;
    if (operation.kind == Operation::Open && open_count == MAX_OPEN)
        operation.kind = Operation::Close;
    if (operation.on_descriptor())
        operation.slot = below(open_count);
    // One path call in three as its *at call: mostly from an open descriptor (a directory
    // or not), else from AT_FDCWD or from a descriptor that is not open.
    if (operation.takes_at() && chance(3)) {
        if (open_count > 0 && !chance(4))
            operation.at = static_cast<int>(below(open_count));
        else
            operation.at = chance(2) ? Operation::AT_CWD : Operation::BAD;
    }

    static const std::vector<int64_t> SIZES = { 0, 1, 3, 10, 100, 4096, 5000, 70000 };
    static const std::vector<int64_t> OFFSETS = { -10, -1, 0, 1, 7, 100, 4095, 5000, 70000 };
    switch (operation.kind) {
    case Operation::Open: {
        operation.path = path();
        static const std::vector<int> ACCESS = { O_RDONLY, O_WRONLY, O_RDWR };
        operation.flags = pick(ACCESS);
        // O_TRUNC only with write access (see the top of fs_differential_test.cpp).
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

unsigned Generator::operation_count()
{
    return MIN_OPERATIONS + static_cast<unsigned>(below(MAX_OPERATIONS - MIN_OPERATIONS + 1));
}

unsigned Generator::umask()
{
    static const std::vector<unsigned> MASKS = { 022, 022, 002, 077, 0 };
    return pick(MASKS);
}

} // namespace fs_differential
