// Keel's side of the file system differential test (fs_differential_test.cpp): each call
// made through an fs::Context, on the fresh Vfs with a ramfs root that the test makes for
// each sequence, and the walk of its final tree. HostSide (fs_differential_host.hpp) is
// the same on Linux.
#pragma once
#include "fs_differential_operations.hpp"
#include "fs_differential_trees.hpp"

#include <fs/context.hpp>

#include <map>
#include <string>
#include <vector>

namespace fs_differential {

class KeelSide {
public:
    explicit KeelSide(fs::Context& context) : m_context(context) {}

    // Makes the call; `fds` are Keel's open descriptors, by slot (an open adds one, a
    // close removes its slot).
    Outcome run(const Operation& operation, std::vector<int>& fds);
    void close_all(std::vector<int>& fds);
    Tree walk();

private:
    void walk(const std::string& path, Tree& tree, std::map<uint64_t, std::string>& names);

    fs::Context& m_context;
};

} // namespace fs_differential
