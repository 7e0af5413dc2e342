// How the file system differential test runs a sequence on both sides (see
// fs_differential_fixture.hpp): the sandbox thread, the fresh Vfs and host directory of
// each run, and the loop that makes each call on both sides, logs both answers and stops
// at the first difference.
#include "fs_differential_fixture.hpp"

#include "fs_differential_keel.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <vector>

namespace fs_differential {

namespace {

constexpr uint32_t SET_ID_BITS = S_ISUID | S_ISGID;

struct Sandbox {
    const std::function<void(int outside)>* body;
    std::string directory; // where the private tmpfs goes
    bool in_user_namespace;
    uid_t uid; // outside the user namespace
    gid_t gid;
    std::string refused; // why the sandbox could not be set up ("" if it was)
};

bool write_text(const char* path, const std::string& text)
{
    int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    return ::close(fd) == 0 && written;
}

// The sandbox process: root in its own user namespace (when the test is not root), with a
// mount namespace of its own and a fresh tmpfs on the host directory.
int sandbox_main(void* argument)
{
    Sandbox& sandbox = *static_cast<Sandbox*>(argument);
    if (sandbox.in_user_namespace
        && (!write_text("/proc/self/setgroups", "deny")
            || !write_text("/proc/self/uid_map", "0 " + std::to_string(sandbox.uid) + " 1\n")
            || !write_text("/proc/self/gid_map", "0 " + std::to_string(sandbox.gid) + " 1\n"))) {
        sandbox.refused = std::string("writing the user namespace's id maps: ") + strerror(errno);
        return 0;
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0
        || ::mount("keel-fs-diff", sandbox.directory.c_str(), "tmpfs", 0, "mode=0755") != 0) {
        sandbox.refused = std::string("mounting a tmpfs in a mount namespace of our own: ") + strerror(errno);
        return 0;
    }
    int outside = ::open("/", O_PATH | O_DIRECTORY);
    if (outside < 0 || ::chroot("/") != 0) {
        sandbox.refused = std::string("chroot: ") + strerror(errno);
    } else {
        (*sandbox.body)(outside);
    }
    if (outside >= 0)
        ::close(outside);
    return 0;
}

} // namespace

bool FsDifferentialTest::on_sandbox_thread(const std::function<void(int outside)>& body)
{
    EXPECT_FALSE(m_host_directory.path().empty()) << "mkdtemp: " << strerror(errno);
    if (m_host_directory.path().empty())
        return true;
    // A process that shares this one's memory (CLONE_VM; this thread waits while it runs:
    // CLONE_VFORK) but has its own root, current directory, umask, descriptors,
    // credentials and namespaces. unshare() of a user namespace is refused to a process
    // with threads, so a new process it is. Its stack is kept for the next run.
    static constexpr size_t STACK_BYTES = 32 << 20;
    static void* stack = ::mmap(nullptr, STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        ADD_FAILURE() << "mmap of the sandbox's stack: " << strerror(errno);
        return true;
    }
    Sandbox sandbox { &body, m_host_directory.path(), ::geteuid() != 0, ::geteuid(), ::getegid(), {} };
    m_in_user_namespace = sandbox.in_user_namespace;
    int flags = CLONE_VM | CLONE_VFORK | CLONE_NEWNS | (sandbox.in_user_namespace ? CLONE_NEWUSER : 0) | SIGCHLD;
    pid_t child = ::clone(sandbox_main, static_cast<char*>(stack) + STACK_BYTES, flags, &sandbox);
    if (child < 0) {
        m_sandbox_refused = std::string(sandbox.in_user_namespace ? "a user namespace" : "a mount namespace")
            + " is not allowed here (clone: " + strerror(errno) + ")";
        return false;
    }
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        ADD_FAILURE() << "the sandbox process ended badly (wait status " << status << ")";
    m_sandbox_refused = sandbox.refused;
    return sandbox.refused.empty();
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

std::string FsDifferentialTest::run(const std::string& name, unsigned mask, const OperationSource& next, int outside, bool keep_going,
                                    const AroundCall& around)
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
        Outcome keel_outcome, host_outcome;
        auto make_call = [&] {
            keel_outcome = keel.run(*operation, keel_fds);
            host_outcome = host.run(*operation, host_fds);
        };
        if (around)
            around(*operation, *context, keel_fds, host_fds, make_call);
        else
            make_call();
        if (m_in_user_namespace) {
            keel_outcome.mode &= ~SET_ID_BITS;
            host_outcome.mode &= ~SET_ID_BITS;
        }
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
        Tree keel_tree = keel.walk(), host_tree = host.walk();
        for (Tree* tree : { &keel_tree, &host_tree }) {
            for (auto& [path, entry] : *tree)
                entry.mode &= m_in_user_namespace ? ~SET_ID_BITS : ~0u;
        }
        std::string trees = tree_difference(keel_tree, host_tree);
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
