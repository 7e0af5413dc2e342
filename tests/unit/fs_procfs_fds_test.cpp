// /proc/<pid>/fd (core/fs/procfs/proc_process_fds.cpp) with a fake fs::ProcessSource: one
// link per open descriptor, listed in order, reading what Linux's read, with Linux's modes
// for the access; a descriptor closed or a process gone leaves no link behind.
#include "fs_procfs_fake_processes.hpp"

namespace {

using namespace procfs_test;
using kstd::Errno;
using namespace fs::open_flags;

struct ProcfsFdsTest : ProcfsProcessesTest {
    ProcfsFdsTest()
    {
        fake.descriptors[42][0] = { READ_WRITE, "/dev/console" };
        fake.descriptors[42][1] = { WRITE_ONLY, "pipe:[7]" };
        fake.descriptors[42][5] = { READ_ONLY, "/tmp/x" };
        fake.descriptors[42][10] = { READ_ONLY, "/a b/with blanks" };
    }
};

TEST_F(ProcfsFdsTest, ListsOneLinkPerOpenDescriptorInOrder)
{
    EXPECT_EQ(list("/proc/42/fd"), (std::vector<std::string> { ".", "..", "0", "1", "5", "10" }));
    EXPECT_EQ(list("/proc/1/fd"), (std::vector<std::string> { ".", ".." }));
    auto directory = context->stat("/proc/42/fd");
    ASSERT_FALSE(directory.is_error());
    EXPECT_EQ(directory.value().mode, fs::mode::DIRECTORY | 0500);
}

TEST_F(ProcfsFdsTest, LinksReadWhatLinuxsRead)
{
    EXPECT_EQ(read_link("/proc/42/fd/0"), "/dev/console");
    EXPECT_EQ(read_link("/proc/42/fd/1"), "pipe:[7]");
    EXPECT_EQ(read_link("/proc/42/fd/5"), "/tmp/x");
    EXPECT_EQ(read_link("/proc/42/fd/10"), "/a b/with blanks");
    fake.caller = 42;
    EXPECT_EQ(read_link("/proc/self/fd/5"), "/tmp/x");
    // readlink's way: as much as fits, the whole in a buffer of its size, no terminator.
    char exact[6] = { 'x', 'x', 'x', 'x', 'x', 'x' };
    auto length = context->readlink("/proc/42/fd/5", { exact, sizeof exact });
    ASSERT_FALSE(length.is_error());
    EXPECT_EQ(std::string(exact, length.value()), "/tmp/x");
    char short_buffer[4];
    auto cut = context->readlink("/proc/42/fd/0", { short_buffer, sizeof short_buffer });
    ASSERT_FALSE(cut.is_error());
    EXPECT_EQ(std::string(short_buffer, cut.value()), "/dev");
}

TEST_F(ProcfsFdsTest, LinkModesTellTheAccess)
{
    auto mode_of = [&](const char* path) {
        auto status = context->lstat(path);
        EXPECT_FALSE(status.is_error()) << path;
        return status.is_error() ? 0 : status.value().mode;
    };
    EXPECT_EQ(mode_of("/proc/42/fd/0"), fs::mode::SYMLINK | 0700); // lrwx------
    EXPECT_EQ(mode_of("/proc/42/fd/1"), fs::mode::SYMLINK | 0300); // l-wx------
    EXPECT_EQ(mode_of("/proc/42/fd/5"), fs::mode::SYMLINK | 0500); // lr-x------
}

TEST_F(ProcfsFdsTest, OnlyOpenDescriptorsByTheirDecimalNumber)
{
    for (const char* path : { "/proc/42/fd/2", "/proc/42/fd/00", "/proc/42/fd/05", "/proc/42/fd/-1",
                              "/proc/42/fd/x", "/proc/42/fd/4294967301", "/proc/43/fd/0" }) {
        char buffer[16];
        EXPECT_EQ(error_of(context->readlink(path, { buffer, sizeof buffer })), errno_of(Errno::NoSuchEntry))
            << path;
    }
}

TEST_F(ProcfsFdsTest, ExeIsALinkToTheProgramUnlessThereIsNone)
{
    fake.executables[42] = "/usr/bin/busybox";
    EXPECT_EQ(read_link("/proc/42/exe"), "/usr/bin/busybox");
    auto link = context->lstat("/proc/42/exe");
    ASSERT_FALSE(link.is_error());
    EXPECT_EQ(link.value().mode, fs::mode::SYMLINK | 0777);
    char buffer[16];
    EXPECT_EQ(error_of(context->readlink("/proc/1/exe", { buffer, sizeof buffer })), errno_of(Errno::NoSuchEntry));
    EXPECT_EQ(error_of(context->readlink("/proc/43/exe", { buffer, sizeof buffer })), errno_of(Errno::NoSuchEntry));
}

TEST_F(ProcfsFdsTest, AClosedDescriptorOrAGoneProcessLeavesNoLink)
{
    EXPECT_EQ(read_link("/proc/42/fd/5"), "/tmp/x");
    fake.descriptors[42].erase(5);
    char buffer[16];
    EXPECT_EQ(error_of(context->readlink("/proc/42/fd/5", { buffer, sizeof buffer })),
              errno_of(Errno::NoSuchEntry));
    EXPECT_EQ(list("/proc/42/fd"), (std::vector<std::string> { ".", "..", "0", "1", "10" }));
    fake.descriptors[42][5] = { READ_ONLY, "/tmp/y" }; // a new file in the same number
    EXPECT_EQ(read_link("/proc/42/fd/5"), "/tmp/y");
    fake.processes.erase(42);
    EXPECT_EQ(error_of(context->readlink("/proc/42/fd/0", { buffer, sizeof buffer })),
              errno_of(Errno::NoSuchEntry));
}

} // namespace
