// The fixture of the file system differential test (fs_differential_test.cpp), which runs
// one sequence of calls on both sides and compares them: each sequence gets a fresh Vfs
// with a ramfs root on Keel's side and a fresh directory, chroot()ed into, on the host's;
// each call is made on both (KeelSide, HostSide) and the answers must agree; at the end
// the two trees must too. The host's calls are made on a thread of their own with its own
// root, current directory and umask (on_sandbox_thread), as the top of
// fs_differential_test.cpp explains.
#pragma once
#include "fs_differential_host.hpp"
#include "fs_differential_operations.hpp"
#include "fs_test_support.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace fs_differential {

// Where the calls of one run come from: the generator, or a fixed script. nullopt ends it.
using OperationSource = std::function<std::optional<Operation>(size_t open_count)>;

struct FsDifferentialTest : fs_test::FsTest {
    // Runs `body` on a thread with its own root, current directory and umask (see the top
    // of fs_differential_test.cpp); `outside` is a descriptor of the real root, to leave
    // each chroot by. False when chroot is not allowed (not root).
    bool on_sandbox_thread(const std::function<void(int outside)>& body);

    // Runs the calls of `next` on both sides, from empty trees, then compares the trees.
    // Returns the first difference ("" if none) and leaves the log in m_log. With
    // `keep_going`, a difference where both sides failed (so neither changed anything) does
    // not end the run: the next difference is reported too. Called on the sandbox thread.
    std::string run(const std::string& name, unsigned mask, const OperationSource& next, int outside, bool keep_going = false);

    std::string m_log;

private:
    // Replaces the fixture's Vfs with a fresh one (a ramfs root), checking that the last
    // one gave back every byte and page.
    void fresh_keel(unsigned mask, const std::string& name);

    HostDirectory m_host_directory;
    unsigned m_runs = 0;
};

} // namespace fs_differential
