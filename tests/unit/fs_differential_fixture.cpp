// How the file system differential test runs a sequence on both sides (see
// fs_differential_fixture.hpp): the sandbox thread, the fresh Vfs and host directory of
// each run, and the loop that makes each call on both sides, logs both answers and stops
// at the first difference.
#include "fs_differential_fixture.hpp"

#include "fs_differential_keel.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <thread>
#include <vector>

namespace fs_differential {

bool FsDifferentialTest::on_sandbox_thread(const std::function<void(int outside)>& body)
{
    EXPECT_FALSE(m_host_directory.path().empty()) << "mkdtemp: " << strerror(errno);
    if (m_host_directory.path().empty())
        return true;
    bool allowed = true;
    std::thread runner([&] {
        if (::unshare(CLONE_FS) != 0) {
            ADD_FAILURE() << "unshare(CLONE_FS): " << strerror(errno);
            return;
        }
        int outside = ::open("/", O_PATH | O_DIRECTORY);
        if (outside < 0 || ::chroot("/") != 0) {
            allowed = false; // no CAP_SYS_CHROOT
        } else {
            body(outside);
        }
        if (outside >= 0)
            ::close(outside);
    });
    runner.join();
    return allowed;
}

void FsDifferentialTest::fresh_keel(unsigned mask, const std::string& name)
{
    context.reset();
    vfs.reset();
    EXPECT_EQ(heap_bytes_in_use(), baseline_heap_bytes) << "before " << name << ": the file system leaked heap memory";
    EXPECT_EQ(fs_test::ramfs_pages().pages_held(), 0u) << "before " << name << ": the file system leaked pages";
    vfs.emplace();
    fs::RamfsOptions options;
    options.pages = &fs_test::ramfs_pages();
    auto root = fs::make_ramfs(options);
    ASSERT_FALSE(root.is_error());
    ASSERT_FALSE(vfs->mount_root(root.value(), "test").is_error());
    context.emplace(*vfs);
    context->set_umask(mask);
}

std::string FsDifferentialTest::run(const std::string& name, unsigned mask, const OperationSource& next, int outside, bool keep_going)
{
    fresh_keel(mask, name);
    if (::testing::Test::HasFatalFailure())
        return "could not make a fresh Vfs";
    std::string directory = m_host_directory.path() + "/" + std::to_string(++m_runs);
    if (::mkdir(directory.c_str(), 0755) != 0 || ::chmod(directory.c_str(), 0755) != 0 || ::chdir(directory.c_str()) != 0
        || ::chroot(".") != 0 || ::chdir("/") != 0)
        return std::string("could not enter the host directory: ") + strerror(errno);
    ::umask(mask);

    KeelSide keel(*context);
    HostSide host;
    std::vector<int> keel_fds, host_fds;
    std::vector<bool> is_directory; // per slot
    std::ostringstream log;
    log << name << ", umask " << octal(mask) << "\n";
    std::string differences;
    for (unsigned index = 0;; ++index) {
        std::optional<Operation> operation = next(keel_fds.size());
        if (!operation)
            break;
        bool on_slot = operation->on_descriptor();
        if (on_slot && operation->slot >= keel_fds.size())
            continue; // a script's descriptor that did not open: both sides agreed on that already
        // Directory offsets are only compared on a tmpfs (see the top of fs_differential_test.cpp).
        if (operation->kind == Operation::Seek && is_directory[operation->slot] && !m_host_directory.on_tmpfs())
            continue;
        int keel_fd = on_slot ? keel_fds[operation->slot] : -1;
        int lowest_free = 0;
        while (std::find(keel_fds.begin(), keel_fds.end(), lowest_free) != keel_fds.end())
            ++lowest_free;
        Outcome keel_outcome = keel.run(*operation, keel_fds);
        Outcome host_outcome = host.run(*operation, host_fds);
        std::string line = "  " + std::to_string(index) + ": " + operation->text(keel_fd);
        if (operation->kind == Operation::Open && !keel_outcome.error)
            line += " = fd " + std::to_string(keel_fds.back());
        bool differs = !(keel_outcome == host_outcome);
        if (differs)
            line += "\n      Keel: " + keel_outcome.text() + "\n      host: " + host_outcome.text();
        else
            line += " -> " + keel_outcome.text();
        if (operation->kind == Operation::Open && !keel_outcome.error && !host_outcome.error) {
            if (keel_fds.back() != lowest_free) {
                line += "\n      Keel gave fd " + std::to_string(keel_fds.back()) + ", not the lowest free one, " + std::to_string(lowest_free);
                differs = true;
            }
            auto status = context->fstat(keel_fds.back());
            is_directory.push_back(!status.is_error() && fs::file_type_of(status.value().mode) == fs::FileType::Directory);
        }
        if (operation->kind == Operation::Close)
            is_directory.erase(is_directory.begin() + static_cast<ptrdiff_t>(operation->slot));
        log << line << "\n";
        if (differs)
            differences += (differences.empty() ? "" : "; ") + operation->text(keel_fd);
        // After a difference the trees may differ too: stop, unless both sides failed and
        // the caller wants every difference. Stop also if only one side opened a file.
        bool both_failed = keel_outcome.error && host_outcome.error;
        if (keel_fds.size() != host_fds.size() || (differs && (!keep_going || !both_failed)))
            break;
    }
    keel.close_all(keel_fds);
    host.close_all(host_fds);
    if (differences.empty()) {
        std::string trees = tree_difference(keel.walk(), host.walk());
        if (!trees.empty()) {
            log << "  the trees differ at the end:\n" << trees;
            differences = "the trees at the end";
        }
    }
    // Back out of the chroot and remove the host directory.
    if (::fchdir(outside) != 0 || ::chroot(".") != 0)
        ADD_FAILURE() << "could not leave the chroot: " << strerror(errno);
    HostDirectory::remove_tree(directory);
    m_log = log.str();
    return differences;
}

} // namespace fs_differential
