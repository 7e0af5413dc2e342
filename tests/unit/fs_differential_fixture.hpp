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
#include <vector>

namespace fs_differential {

// Where the calls of one run come from: the generator, or a fixed script. nullopt ends it.
using OperationSource = std::function<std::optional<Operation>(size_t open_count)>;
// Called instead of making each call on both sides: it must call make_call() once, and
// may look at both sides before and after (Keel's context, each side's descriptors).
using AroundCall = std::function<void(const Operation& operation, fs::Context& keel, std::vector<int>& keel_fds,
                                      std::vector<int>& host_fds, const std::function<void()>& make_call)>;

struct FsDifferentialTest : fs_test::FsTest {
    // Runs `body` in a process of its own that shares this one's memory, with its own root,
    // current directory and umask, a private tmpfs, and (when the test is not root) a user
    // namespace in which it is root (see the top of fs_differential_test.cpp); `outside`
    // is a descriptor of the real root, to leave each chroot by. False, with the reason
    // in m_sandbox_refused, when the host does not allow it.
    bool on_sandbox_thread(const std::function<void(int outside)>& body);

    // Runs the calls of `next` on both sides, from empty trees, then compares the trees.
    // Returns the first difference ("" if none) and leaves the log in m_log. With
    // `keep_going`, a difference where both sides failed (so neither changed anything) does
    // not end the run: the next difference is reported too. Called on the sandbox thread.
    std::string run(const std::string& name, unsigned mask, const OperationSource& next, int outside, bool keep_going = false,
                    const AroundCall& around = {});

    std::string m_log;
    std::string m_sandbox_refused;

private:
    // Replaces the fixture's Vfs with a fresh one (a ramfs root), checking that the last
    // one gave back every byte and page.
    void fresh_keel(unsigned mask, const std::string& name);

    HostDirectory m_host_directory;
    unsigned m_runs = 0;
    // In a user namespace Linux clears set-user-ID and set-group-ID on a write (the
    // capability that keeps them, CAP_FSETID, counts only in the first namespace), which
    // root does not see; those two bits are then left out of the comparison.
    bool m_in_user_namespace = false;
};

} // namespace fs_differential
