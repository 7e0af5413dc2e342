// The calls of the file system differential test (fs_differential_test.cpp) and their
// answers. An Operation is one call with its arguments drawn or written up front, so that
// Keel and the host get the same; an Outcome is one side's answer to it, compared the way
// the test compares the two sides (what is left out, and why, is listed at the top of
// fs_differential_test.cpp). Both print themselves for the test's log.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

namespace fs_differential {

// `text` in quotes, with bytes that are not printable escaped; long ones cut short.
std::string quoted(const std::string& text);
std::string octal(unsigned value);

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
    static Outcome success(int64_t value, std::string data = {})
    {
        Outcome outcome;
        outcome.value = value;
        outcome.data = std::move(data);
        return outcome;
    }
    void set_stat(uint32_t stat_mode, uint32_t link_count, uint64_t stat_size)
    {
        has_stat = true;
        mode = stat_mode;
        links = link_count;
        size = stat_size;
    }
    bool is_directory() const;

    // Equal errors, or equal answers; the size of a directory is not compared.
    bool operator==(const Outcome& other) const;
    std::string text() const;
};

// One call, with its arguments drawn up front so that both sides get the same.
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
    // Calls on paths (open, stat, lstat, mkdir, rmdir, unlink, rename, link, symlink,
    // readlink) are made as their *at calls (openat, fstatat, ...) from `at`: PLAIN for the
    // path call itself, AT_CWD for AT_FDCWD, BAD for a descriptor open on neither side, else
    // a slot of the descriptor tables (a directory, or a file: ENOTDIR).
    static constexpr int PLAIN = -1, AT_CWD = -2, BAD = -3;
    static constexpr int BAD_FD = 1000;
    int at = PLAIN;

    // Close to Ftruncate: the calls made on the open descriptor in `slot`.
    bool on_descriptor() const { return kind >= Close && kind <= Ftruncate; }

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

    bool takes_at() const
    {
        return kind == Open || kind == Stat || kind == Lstat || (kind >= Mkdir && kind <= Readlink);
    }
    // The descriptor for the *at call, given a side's descriptor table.
    template<typename Fds>
    int at_fd(const Fds& fds, int current_directory) const
    {
        if (at == PLAIN || at == AT_CWD)
            return current_directory;
        if (at == BAD || static_cast<size_t>(at) >= fds.size())
            return BAD_FD;
        return fds[static_cast<size_t>(at)];
    }

    // The call as C would write it, with Keel's descriptor number `keel_fd`.
    std::string text(int keel_fd) const;
};

} // namespace fs_differential
