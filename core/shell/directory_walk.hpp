// DirectoryWalk: everything below a directory, depth first, each directory's entries in
// name order. tree prints it; rm -r removes it (a directory is left only after all its
// entries were visited, so it is empty by then).
//
// The walk yields steps: an Entry for each name (its path in path()), entering a
// directory entry's contents right after the entry itself, and a Leave for each directory
// once its entries are done, the starting directory last. Symbolic links are entries,
// never followed. Rather than recursing, the walk keeps one sorted DirectoryListing per
// level on the heap, so a deep tree costs heap, not kernel stack; a directory that cannot
// be read is reported in its step (opened) and the walk goes on beside it.
#pragma once
#include <shell/directory_listing.hpp>
#include <shell/path_buffer.hpp>
#include <utility>

namespace shell {

class DirectoryWalk {
public:
    struct Step {
        enum class Kind : uint8_t { Entry, Leave };
        Kind kind = Kind::Entry;
        // For an Entry:
        kstd::StringView name;
        fs::FileType type = fs::FileType::Regular;
        size_t depth = 0; // 0 for the entries of the starting directory
        bool last = false; // the last entry of its directory
        kstd::Result<void> opened; // for a directory: whether its entries could be read
    };

    // A walk below `path`, whose entries are read at once (errors: those of opening it).
    static kstd::Result<DirectoryWalk> start(fs::Context& files, kstd::StringView path,
                                             DirectoryListing::Include include);
    DirectoryWalk(DirectoryWalk&& other);
    DirectoryWalk& operator=(DirectoryWalk&&) = delete;
    DirectoryWalk(const DirectoryWalk&) = delete;
    DirectoryWalk& operator=(const DirectoryWalk&) = delete;
    ~DirectoryWalk();

    // The next step into `step`; false when the walk is over. Errors (ENOMEM, a path
    // growing past PATH_LENGTH_MAX, EINTR when Ctrl+C interrupted the command) end the walk.
    kstd::Result<bool> next(Step& step);
    // The path of the last step's entry, or of the directory it left.
    kstd::StringView path() const { return m_path.view(); }
    // Whether the directory at `depth` (0: the starting one) has entries after the one
    // being visited there; tree draws "|   " or "    " by it.
    bool has_more_at(size_t depth) const;

private:
    struct Level {
        DirectoryListing listing;
        size_t next = 0;
        size_t path_length; // of the directory's own path
        Level* parent;
    };

    DirectoryWalk(fs::Context& files, PathBuffer path, DirectoryListing::Include include)
        : m_files(files), m_path(std::move(path)), m_include(include)
    {
    }
    kstd::Result<void> enter(DirectoryListing listing);

    fs::Context& m_files;
    PathBuffer m_path;
    DirectoryListing::Include m_include;
    Level* m_top = nullptr;
    size_t m_depth = 0; // levels open
};

} // namespace shell
