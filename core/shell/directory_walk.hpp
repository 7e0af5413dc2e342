// DirectoryWalk: everything below a directory, depth first, each directory's entries in
// name order. tree prints it; rm -r removes it (a directory is left only after all its
// entries were visited, so it is empty by then); cp -r and mv copy it.
//
// The walk yields steps: an Entry for each name, entering a directory entry's contents
// right after the entry itself, and a Leave for each directory once its entries are done,
// the starting directory last. Symbolic links are entries, never followed.
//
// It goes by directory descriptors, as GNU rm's fts does, so it reaches any depth, also
// where a whole path would pass PATH_LENGTH_MAX: a step names its file by a descriptor of
// the directory holding it and a name (directory_fd(), Step::name), for the *at calls.
// The walk holds one descriptor whatever the depth (two for the step that goes down):
// going down opens the entry from its directory; going up opens ".." and checks that it is
// the directory it came down from (device and inode), so a tree moved meanwhile ends the
// walk instead of sending it elsewhere. Rather than recursing, it keeps one sorted
// DirectoryListing per level on the heap, so a deep tree costs heap, not kernel stack
// (16 KiB). path() is the step's path from the start, for messages: it grows on the heap
// as long as the walk goes deep. A directory that cannot be read is reported in its step
// (opened) and the walk goes on beside it.
#pragma once
#include <shell/directory_listing.hpp>

namespace shell {

class DirectoryWalk {
public:
    struct Step {
        enum class Kind : uint8_t { Entry, Leave };
        Kind kind = Kind::Entry;
        // The name in directory_fd(): an entry's name, or the name of the directory left
        // (for the starting directory: the path start() was given).
        kstd::StringView name;
        fs::FileType type = fs::FileType::Regular;
        // An Entry's level: 0 for the entries of the starting directory. A Leave's: that
        // of the entries of the directory left (0 for the starting directory).
        size_t depth = 0;
        bool last = false; // the last entry of its directory
        kstd::Result<void> opened; // for a directory: whether the walk could go into it
    };

    // A walk below `path` (from `directory_fd`, as the *at calls take it), whose entries
    // are read at once (errors: those of opening it). `follow` says whether a symbolic
    // link as `path` is followed. `path` must stay valid while the walk lasts.
    static kstd::Result<DirectoryWalk> start(fs::Context& files, int directory_fd, kstd::StringView path,
                                             DirectoryListing::Include include, bool follow);
    DirectoryWalk(DirectoryWalk&& other);
    DirectoryWalk& operator=(DirectoryWalk&&) = delete;
    DirectoryWalk(const DirectoryWalk&) = delete;
    DirectoryWalk& operator=(const DirectoryWalk&) = delete;
    // Closes the walk's descriptors.
    ~DirectoryWalk();

    // The next step into `step`; false when the walk is over. Errors (ENOMEM, ".." not
    // being the directory the walk came from, EINTR when Ctrl+C interrupted the command)
    // end the walk.
    kstd::Result<bool> next(Step& step);
    // After an Entry step that went into a directory: leaves the rest of it unvisited
    // (its Leave step comes next).
    void skip_entered();
    // The open directory the last step's name is in, valid until the next step.
    int directory_fd() const { return m_step_fd; }
    // The path of the last step's entry, or of the directory it left.
    kstd::StringView path() const { return { m_path, m_path_length }; }
    // Whether the directory at `depth` (0: the starting one) has entries after the one
    // being visited there; tree draws "|   " or "    " by it.
    bool has_more_at(size_t depth) const;

private:
    struct Level {
        DirectoryListing listing;
        size_t next = 0;
        size_t path_length; // of the directory's own path
        uint64_t device;    // which directory it is, to check ".." by on the way up
        uint64_t inode;
    };

    DirectoryWalk(fs::Context& files, int start_fd, DirectoryListing::Include include)
        : m_files(files), m_start_fd(start_fd), m_include(include)
    {
    }
    // Opens `name` in `directory_fd` and reads it as the new top level; the old top's
    // descriptor is held for the step.
    kstd::Result<void> enter(int directory_fd, kstd::StringView name, uint32_t flags);
    kstd::Result<void> push(DirectoryListing listing, const fs::Stat& status);
    kstd::Result<bool> leave(Step& step);
    kstd::Result<void> append_to_path(kstd::StringView name);
    void close_held();

    fs::Context& m_files;
    int m_start_fd;
    DirectoryListing::Include m_include;
    Level** m_levels = nullptr; // m_depth levels, the starting directory's first
    size_t m_depth = 0;
    size_t m_capacity = 0;
    int m_fd = -1;      // the top level's directory
    int m_held_fd = -1; // its parent, for the one step that went down
    int m_step_fd = -1;
    char* m_path = nullptr;
    size_t m_path_length = 0;
    size_t m_path_capacity = 0;
};

} // namespace shell
