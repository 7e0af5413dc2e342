// procfs (core/fs/procfs) through the file calls of a Context: a procfs on /proc and a
// devfs on /dev of a ramfs root. The listing, each system file's format (parsed as a
// program would parse Linux's), reads in pieces and at offsets, and the refusals of a
// read-only file system. Host tests run no scheduler, so the thread folders are left to
// the kernel test (tests/kernel/fs_proc_dev_test.cpp); here only their absence and the
// names that can never be a thread. The fixture checks that nothing is left on the heap.
#include "fs_proc_dev_test_support.hpp"

#include <fs/devfs/devfs.hpp>
#include <fs/procfs/procfs.hpp>
#include <hal/irq.hpp>
#include <hal/timer.hpp>
#include <sched/thread.hpp>

#include <chrono>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

namespace {

using fs_test::lines_of;
using fs_test::ProcfsTest;
using kstd::Errno;
using namespace fs::open_flags;

constexpr int errno_of(Errno code)
{
    return static_cast<int>(code);
}


TEST_F(ProcfsTest, ListsTheSystemFilesThenThreads)
{
    std::vector<std::string> names = list("/proc");
    std::vector<std::string> expected { ".",    "..",   "meminfo", "uptime",  "mounts",      "interrupts",
                                        "loadavg", "stat", "version", "cpuinfo", "filesystems" };
    ASSERT_GE(names.size(), expected.size());
    std::vector<std::string> fixed(names.begin(), names.begin() + expected.size());
    EXPECT_EQ(fixed, expected);
    for (size_t index = expected.size(); index < names.size(); ++index)
        EXPECT_TRUE(std::regex_match(names[index], std::regex("[1-9][0-9]*"))) << names[index];
    EXPECT_EQ(names.size(), expected.size() + sched::thread_count());
}

TEST_F(ProcfsTest, MeminfoParsesAsKeyValueLines)
{
    std::map<std::string, uint64_t> values;
    std::regex line_format("([A-Za-z]+): +([0-9]+)( kB)?");
    for (const std::string& line : lines_of(read_text("/proc/meminfo"))) {
        std::smatch match;
        ASSERT_TRUE(std::regex_match(line, match, line_format)) << line;
        EXPECT_EQ(line.find(' '), line.find(':') + 1) << "Linux's layout: the value in a column";
        EXPECT_TRUE(values.emplace(match[1], std::stoull(match[2])).second) << "twice: " << match[1];
    }
    for (const char* key : { "MemTotal", "MemFree", "MemReserved", "HeapInUse", "HeapPeak", "HeapHeld",
                             "FramesTotal", "FramesFree" })
        EXPECT_EQ(values.count(key), 1u) << key;
    EXPECT_LE(values["MemFree"], values["MemTotal"]);
    EXPECT_EQ(values["MemTotal"], values["FramesTotal"] * 4);
    EXPECT_EQ(values["MemFree"], values["FramesFree"] * 4);
    EXPECT_LE(values["HeapInUse"], values["HeapPeak"]);
}

TEST_F(ProcfsTest, UptimeIsSecondsWithTwoDecimalsAndGrows)
{
    auto seconds = [&] {
        std::string text = read_text("/proc/uptime");
        // Linux's two fields: since boot, and idle (none here: no scheduler runs).
        EXPECT_TRUE(std::regex_match(text, std::regex("[0-9]+\\.[0-9]{2} 0\\.00\n"))) << text;
        return std::stod(text);
    };
    double before = seconds();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    double after = seconds();
    EXPECT_GE(after - before, 0.04);
    EXPECT_LT(after - before, 60.0);
}

TEST_F(ProcfsTest, MountsListsEveryMountInOrder)
{
    EXPECT_EQ(read_text("/proc/mounts"), "test / ramfs rw 0 0\n"
                                         "proc /proc proc rw 0 0\n"
                                         "devfs /dev devfs rw 0 0\n");
    ASSERT_EQ(error_of(context->mkdir("/mnt")), 0);
    mount_at("/mnt/a b\\", fs::mount_devfs(""), "");
    mount_at("/mnt/x", fs::mount_devfs("my\tdev"), "my\tdev");
    std::vector<std::string> lines = lines_of(read_text("/proc/mounts"));
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[3], "none /mnt/a\\040b\\134 devfs rw 0 0");
    EXPECT_EQ(lines[4], "my\\011dev /mnt/x devfs rw 0 0");
}

TEST_F(ProcfsTest, InterruptsListsTheWiredLines)
{
    std::vector<std::string> lines = lines_of(read_text("/proc/interrupts"));
    ASSERT_FALSE(lines.empty());
    EXPECT_TRUE(std::regex_match(lines[0], std::regex(" +CPU0"))) << lines[0];
    std::map<unsigned, std::string> devices;
    std::regex line_format(" *([0-9]+): +([0-9]+)  ([a-z0-9]+)");
    for (size_t index = 1; index < lines.size(); ++index) {
        std::smatch match;
        ASSERT_TRUE(std::regex_match(lines[index], match, line_format)) << lines[index];
        EXPECT_EQ(std::stoull(match[2]), hal::irq_count(std::stoul(match[1])));
        devices[std::stoul(match[1])] = match[3];
    }
    EXPECT_EQ(devices[hal::TIMER_IRQ], "timer");
}

TEST_F(ProcfsTest, ReadsInPiecesAndAtOffsetsJoinUp)
{
    std::string whole = read_text("/proc/mounts");
    auto fd = context->open("/proc/mounts", READ_ONLY);
    ASSERT_FALSE(fd.is_error());
    EXPECT_EQ(read_in_pieces(fd.value(), 3), whole);
    ASSERT_FALSE(context->lseek(fd.value(), 5, fs::Whence::Set).is_error());
    uint8_t rest[200];
    auto got = context->read(fd.value(), rest);
    ASSERT_FALSE(got.is_error());
    EXPECT_EQ(std::string(reinterpret_cast<char*>(rest), got.value()), whole.substr(5));
    ASSERT_FALSE(context->lseek(fd.value(), 100'000, fs::Whence::Set).is_error());
    auto past_the_end = context->read(fd.value(), rest);
    ASSERT_FALSE(past_the_end.is_error());
    EXPECT_EQ(past_the_end.value(), 0u);
    EXPECT_FALSE(context->close(fd.value()).is_error());
}

TEST_F(ProcfsTest, StatShowsReadOnlyFilesOfSizeZeroWithSteadyNumbers)
{
    auto directory = context->stat("/proc");
    ASSERT_FALSE(directory.is_error());
    EXPECT_EQ(directory.value().mode, fs::mode::DIRECTORY | 0555);
    auto meminfo = context->stat("/proc/meminfo");
    ASSERT_FALSE(meminfo.is_error());
    EXPECT_EQ(meminfo.value().mode, fs::mode::REGULAR | 0444);
    EXPECT_EQ(meminfo.value().size, 0u);
    EXPECT_EQ(meminfo.value().device, directory.value().device);
    EXPECT_NE(meminfo.value().device, context->stat("/").value().device);
    vfs->dentries().prune(fs::DentryCache::ALL); // the next stat makes the inode anew
    auto again = context->stat("/proc/meminfo");
    ASSERT_FALSE(again.is_error());
    EXPECT_EQ(again.value().inode, meminfo.value().inode);
    auto uptime = context->stat("/proc/uptime");
    ASSERT_FALSE(uptime.is_error());
    EXPECT_NE(uptime.value().inode, meminfo.value().inode);
}

TEST_F(ProcfsTest, EverythingIsReadOnly)
{
    EXPECT_EQ(write_error("/proc/uptime", "0.00\n"), errno_of(Errno::PermissionDenied));
    EXPECT_EQ(open_error("/proc/meminfo", WRITE_ONLY | TRUNCATE), errno_of(Errno::PermissionDenied));
    EXPECT_EQ(error_of(context->truncate("/proc/mounts", 0)), errno_of(Errno::PermissionDenied));
    EXPECT_EQ(open_error("/proc/new", WRITE_ONLY | CREATE), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->mkdir("/proc/sub")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->symlink("uptime", "/proc/link")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->unlink("/proc/uptime")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(error_of(context->rename("/proc/uptime", "/proc/later")), errno_of(Errno::NotPermitted));
    EXPECT_EQ(open_error("/proc", WRITE_ONLY), errno_of(Errno::IsADirectory));
    EXPECT_EQ(read_text("/proc/uptime").back(), '\n');
}

TEST_F(ProcfsTest, NamesThatAreNoFileOrThreadAreNotFound)
{
    for (const char* path : { "/proc/nothing", "/proc/0", "/proc/007", "/proc/+1", "/proc/-1",
                              "/proc/4294967296", "/proc/99999999999999999999", "/proc/MEMINFO" })
        EXPECT_EQ(open_error(path, READ_ONLY), errno_of(Errno::NoSuchEntry)) << path;
    if (sched::thread_count() == 0) {
        EXPECT_EQ(open_error("/proc/1/status", READ_ONLY), errno_of(Errno::NoSuchEntry));
    }
    EXPECT_EQ(open_error("/proc/meminfo/x", READ_ONLY), errno_of(Errno::NotADirectory));
}

// A fresh heap with nothing on it, so the first allocation needs a page.
using ProcfsMemoryTest = async_test::AsyncTest;

TEST_F(ProcfsMemoryTest, MountingWithoutMemoryIsAnError)
{
    fs::Vfs vfs;
    async_test::kernel_pages().fail_after(0);
    auto superblock = fs::make_procfs(vfs);
    ASSERT_TRUE(superblock.is_error());
    EXPECT_EQ(superblock.error().code(), Errno::OutOfMemory);
}

} // namespace
