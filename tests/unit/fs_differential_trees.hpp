// The final trees of the file system differential test (fs_differential_test.cpp): after
// each sequence both sides walk their whole tree from "/" (KeelSide::walk, HostSide::walk)
// into a Tree, a map from path to what is there, and the two maps must be equal: names,
// types, permission bits, link counts, sizes (not of directories), contents, link targets,
// and which names are hard links of one file.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fs_differential {

// One node of a tree walk.
struct TreeEntry {
    uint32_t mode = 0;
    uint32_t links = 0;
    uint64_t size = 0;
    std::string contents; // a file's bytes, a link's target, or an error on that side
    std::string first_name_of_inode; // the first path (in walk order) with the same inode

    bool operator==(const TreeEntry& other) const;
    std::string text() const;
};
using Tree = std::map<std::string, TreeEntry>;

// The paths of the entries `names` of `directory`, in the order the walks visit them:
// sorted, without "." and "..".
std::vector<std::string> child_paths(const std::string& directory, std::vector<std::string> names);

// One line for each path that differs between the trees; "" if they are equal.
std::string tree_difference(const Tree& keel, const Tree& host);

} // namespace fs_differential
