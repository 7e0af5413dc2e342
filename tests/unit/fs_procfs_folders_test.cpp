// procfs's process folders (core/fs/procfs/proc_processes.cpp) with a fake
// fs::ProcessSource in place of core/proc: /proc/self, the root's listing in id order,
// steady inode numbers, a process that goes away while its file is open, and procfs
// without a source.
#include "fs_procfs_fake_processes.hpp"

#include <sched/thread.hpp>

#include <set>
#include <unistd.h>

namespace {

using namespace procfs_test;
using kstd::Errno;
using namespace fs::open_flags;

TEST_F(ProcfsProcessesTest, SelfIsALinkToTheCallersProcess)
{
    fake.caller = 42;
    EXPECT_EQ(read_link("/proc/self"), "42");
    auto link = context->lstat("/proc/self");
    ASSERT_FALSE(link.is_error());
    EXPECT_EQ(link.value().mode, fs::mode::SYMLINK | 0777);
    EXPECT_NE(read_text("/proc/self/status").find("\nPid:\t42\n"), std::string::npos);
    fake.caller = 1; // a kernel thread's
    EXPECT_EQ(read_link("/proc/self"), "1");
    EXPECT_EQ(read_text("/proc/self/stat").substr(0, 11), "1 (kernel) ");
}

TEST_F(ProcfsProcessesTest, ListsSystemFilesSelfThenProcessesAndThreadsInIdOrder)
{
    fake.processes[7] = shell_process();
    fake.processes[7].pid = 7;
    std::vector<std::string> names = list("/proc");
    std::vector<std::string> expected { ".",    "..",   "meminfo", "uptime",  "mounts",      "interrupts",
                                        "loadavg", "stat", "version", "cpuinfo", "filesystems", "self" };
    std::set<uint32_t> ids { 1, 7, 42, 43 };
    uint32_t next = 0;
    while (auto thread = sched::find_thread_from(next)) {
        ids.insert(thread.value().id);
        next = thread.value().id + 1;
    }
    for (uint32_t id : ids)
        expected.push_back(std::to_string(id));
    EXPECT_EQ(names, expected);
    EXPECT_EQ(list("/proc/42"),
              (std::vector<std::string> { ".", "..", "stat", "status", "cmdline", "maps", "fd", "exe" }));
}

TEST_F(ProcfsProcessesTest, FilesHaveSteadyDistinctNumbers)
{
    std::set<uint64_t> numbers;
    fake.descriptors[42][0] = { fs::open_flags::READ_WRITE, "/dev/console" };
    fake.descriptors[43][0] = { fs::open_flags::READ_WRITE, "/dev/console" };
    for (const char* path : { "/proc/42", "/proc/42/stat", "/proc/42/status", "/proc/42/cmdline", "/proc/42/maps",
                              "/proc/42/fd", "/proc/42/fd/0", "/proc/42/exe", "/proc/43", "/proc/43/stat", "/proc/43/fd",
                              "/proc/43/fd/0", "/proc/self", "/proc/meminfo", "/proc/stat", "/proc/filesystems" }) {
        auto status = context->lstat(path);
        ASSERT_FALSE(status.is_error()) << path;
        EXPECT_TRUE(numbers.insert(status.value().inode).second) << path;
    }
    auto stat = context->stat("/proc/42/stat");
    ASSERT_FALSE(stat.is_error());
    EXPECT_EQ(stat.value().mode, fs::mode::REGULAR | 0444);
    vfs->dentries().prune(fs::DentryCache::ALL);
    EXPECT_EQ(context->stat("/proc/42/stat").value().inode, stat.value().inode);
}

TEST_F(ProcfsProcessesTest, AReapedProcessReadsEsrchThenIsGone)
{
    auto fd = context->open("/proc/43/status", READ_ONLY);
    ASSERT_FALSE(fd.is_error());
    fake.processes.erase(43);
    uint8_t buffer[100];
    EXPECT_EQ(error_of(context->read(fd.value(), buffer)), errno_of(Errno::NoSuchProcess));
    EXPECT_FALSE(context->close(fd.value()).is_error());
    EXPECT_EQ(open_error("/proc/43/status", READ_ONLY), errno_of(Errno::NoSuchEntry));
    EXPECT_EQ(open_error("/proc/43", READ_ONLY), errno_of(Errno::NoSuchEntry));
    EXPECT_EQ(open_error("/proc/42/environ", READ_ONLY), errno_of(Errno::NoSuchEntry));
    EXPECT_EQ(open_error("/proc/042/stat", READ_ONLY), errno_of(Errno::NoSuchEntry));
}

TEST_F(ProcfsProcessesTest, ProcessFilesAreReadOnly)
{
    EXPECT_EQ(write_error("/proc/42/cmdline", "x"), errno_of(Errno::PermissionDenied));
    EXPECT_EQ(open_error("/proc/42/new", WRITE_ONLY | CREATE), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->unlink("/proc/self")), errno_of(Errno::NotPermitted));
}

// Without a source (no processes yet, or host tests of the rest) there is no /proc/self.
TEST_F(ProcfsProcessesTest, WithoutASourceThereIsNoSelf)
{
    fs::set_process_source(nullptr);
    vfs->dentries().prune(fs::DentryCache::ALL);
    EXPECT_EQ(open_error("/proc/self/status", READ_ONLY), errno_of(Errno::NoSuchEntry));
    EXPECT_EQ(open_error("/proc/42/status", READ_ONLY), errno_of(Errno::NoSuchEntry));
    std::vector<std::string> names = list("/proc");
    EXPECT_EQ(std::count(names.begin(), names.end(), "self"), 0);
}

} // namespace
