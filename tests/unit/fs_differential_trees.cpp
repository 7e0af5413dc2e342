// How the file system differential test compares the two final trees (see
// fs_differential_trees.hpp), and the order both walks visit a directory's entries in.
#include "fs_differential_trees.hpp"

#include "fs_differential_operations.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <sstream>

namespace fs_differential {

bool TreeEntry::operator==(const TreeEntry& other) const
{
    bool directory = (mode & S_IFMT) == S_IFDIR;
    return mode == other.mode && links == other.links && (directory || size == other.size) && contents == other.contents
        && first_name_of_inode == other.first_name_of_inode;
}

std::string TreeEntry::text() const
{
    std::ostringstream out;
    out << "{mode " << octal(mode) << ", links " << links << ", size " << size << ", " << quoted(contents);
    if (!first_name_of_inode.empty())
        out << ", same file as " << first_name_of_inode;
    out << "}";
    return out.str();
}

std::vector<std::string> child_paths(const std::string& directory, std::vector<std::string> names)
{
    std::erase_if(names, [](const std::string& name) { return name == "." || name == ".."; });
    std::sort(names.begin(), names.end());
    for (std::string& name : names)
        name = directory == "/" ? "/" + name : directory + "/" + name;
    return names;
}

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

} // namespace fs_differential
