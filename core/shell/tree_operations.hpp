// What rm -r, cp -r and mv do to whole trees, and the file copy they share with cp.
//
// A file is named the way the *at calls name it, by a directory descriptor and a name (a
// Place), so that a tree can be copied or removed at any depth (see directory_walk.hpp);
// messages show its path, which may be longer than any path a call could take. Each
// failure is reported (prefixed with the command's name, in coreutils' words) and the rest
// of the tree is still done; the functions return whether all of it went well.
#pragma once
#include <fs/context.hpp>

namespace shell {

class Shell;

struct Place {
    int directory_fd = fs::CURRENT_DIRECTORY;
    kstd::StringView name;
    // For messages: the path, as `path` followed by `path_rest`.
    kstd::StringView path;
    kstd::StringView path_rest = {};

    static Place of(kstd::StringView path) { return { fs::CURRENT_DIRECTORY, path, path }; }
};

// Copies the contents of `from` (following a link) into the regular file `to`, created
// with from's permission bits or truncated (commands_files.cpp).
bool copy_file(Shell& shell, kstd::StringView command, fs::Context& files, const Place& from, const Place& to);
// Makes `to` a symbolic link with the target of the link `from`.
bool copy_symlink(Shell& shell, kstd::StringView command, fs::Context& files, const Place& from, const Place& to);
// Copies the directory `source` and everything below it to the new directory
// `destination` (refused when that lies inside the source).
bool copy_tree(Shell& shell, kstd::StringView command, fs::Context& files, kstd::StringView source,
               kstd::StringView destination);
// Removes the directory `directory` and everything below it. As GNU rm does, directories
// holding something that could not be removed are left without a word (not empty).
bool remove_tree(Shell& shell, kstd::StringView command, fs::Context& files, kstd::StringView directory);

} // namespace shell
