// PathBuffer: a path being built on the kernel heap, with room for the longest path.
//
// The file commands join directories and names (cp into a directory, ls -l, tree, rm -r)
// and ask for paths (pwd, the mount points of mount and df). A whole path is up to
// fs::PATH_LENGTH_MAX bytes, too much for a kernel stack, so it lives on the heap; no memory
// for it is ENOMEM, like any allocation. It is a kstd::Writer too, for fs::write_path().
#pragma once
#include <fs/types.hpp>
#include <kstd/format.hpp>
#include <kstd/result.hpp>

namespace shell {

class PathBuffer final : public kstd::Writer {
public:
    static constexpr size_t CAPACITY = fs::PATH_LENGTH_MAX; // with the NUL a path ends in

    // A buffer holding `initial`; ENAMETOOLONG when that is already too long.
    static kstd::Result<PathBuffer> create(kstd::StringView initial = {});
    PathBuffer(PathBuffer&& other);
    PathBuffer& operator=(PathBuffer&&) = delete;
    PathBuffer(const PathBuffer&) = delete;
    PathBuffer& operator=(const PathBuffer&) = delete;
    ~PathBuffer();

    kstd::StringView view() const { return { m_chars, m_length }; }
    size_t length() const { return m_length; }
    // Adds "/NAME" ("NAME" when the path is empty or ends in "/"); ENAMETOOLONG if the
    // result would not be a valid path.
    kstd::Result<void> append(kstd::StringView name);
    // Cuts the path back to `length` bytes, e.g. a length saved before append(); or sets
    // the length of what a call wrote into storage().
    void set_length(size_t length);
    // The whole buffer, for calls that fill one (getcwd, readlink).
    kstd::Span<char> storage() { return { m_chars, CAPACITY }; }

    // Appends raw text (what would not fit is dropped; fs::write_path never writes more
    // than a path).
    void write(kstd::StringView text) override;

private:
    explicit PathBuffer(char* chars) : m_chars(chars) {}

    char* m_chars;
    size_t m_length = 0;
};

} // namespace shell
