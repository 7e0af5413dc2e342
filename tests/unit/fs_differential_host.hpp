// The host's side of the file system differential test (fs_differential_test.cpp): each
// call as the plain POSIX call, made on the test's sandbox thread, which is chroot()ed into
// the sequence's own directory so that the generated paths mean on Linux what they mean in
// Keel's Vfs; the walk of its final tree; and HostDirectory, the tmpfs directory those
// sequence directories are made in. KeelSide (fs_differential_keel.hpp) is the same on Keel.
#pragma once
#include "fs_differential_operations.hpp"
#include "fs_differential_trees.hpp"

#include <sys/types.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace fs_differential {

class HostSide {
public:
    // Makes the call; `fds` are the host's open descriptors, by slot (an open adds one, a
    // close removes its slot).
    Outcome run(const Operation& operation, std::vector<int>& fds);
    void close_all(std::vector<int>& fds);
    Tree walk();

private:
    void walk(const std::string& path, Tree& tree, std::map<std::pair<dev_t, ino_t>, std::string>& names);
};

// Where the host side lives: a fresh directory on a tmpfs (/dev/shm, or /tmp when that is
// not one), removed at the end. path() is "" if it could not be made.
class HostDirectory {
public:
    HostDirectory();
    ~HostDirectory();
    HostDirectory(const HostDirectory&) = delete;
    HostDirectory& operator=(const HostDirectory&) = delete;

    const std::string& path() const { return m_path; }
    bool on_tmpfs() const { return m_on_tmpfs; }

    static void remove_tree(const std::string& path);

private:
    std::string m_path;
    bool m_on_tmpfs = false;
};

} // namespace fs_differential
