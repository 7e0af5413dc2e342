// procfs's process files (core/fs/procfs/proc_process_files.cpp) with a fake
// fs::ProcessSource in place of core/proc: the exact text of stat, status, cmdline and
// maps for a user process, the kernel process and a zombie, and their layouts against the
// host's own /proc/self files (field count and order, the keys of status, the column of a
// maps path).
#include "fs_procfs_fake_processes.hpp"

#include <set>
#include <unistd.h>

namespace {

using namespace procfs_test;
using kstd::Errno;
using namespace fs::open_flags;

TEST_F(ProcfsProcessesTest, StatOfAUserProcessIsLinuxsLine)
{
    EXPECT_EQ(read_text("/proc/42/stat"),
              "42 (sh) S 1 42 1 1281 42 0 0 0 0 0 12 0 0 0 20 0 1 0 501 3133440 416 18446744073709551615 "
              "0 0 0 0 0 65536 2 16388 65538 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
}

TEST_F(ProcfsProcessesTest, StatOfTheKernelAndOfAZombie)
{
    EXPECT_EQ(read_text("/proc/1/stat"),
              "1 (kernel) R 0 1 1 0 -1 2097152 0 0 0 0 0 234 0 0 20 0 7 0 0 0 0 18446744073709551615 "
              "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    EXPECT_EQ(read_text("/proc/43/stat"),
              "43 (false) Z 42 42 1 0 -1 0 0 0 0 0 3 0 0 0 20 0 0 0 600 0 0 18446744073709551615 "
              "0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 256\n");
}

// man 5 proc: 52 fields; the host's own line has as many, and the fields Keel fills sit
// where the host's equivalents do (its pid, its parent, one thread, the rss limit).
TEST_F(ProcfsProcessesTest, StatHasTheHostsFieldsInTheHostsOrder)
{
    std::vector<std::string> host = stat_fields(host_file("/proc/self/stat"));
    std::vector<std::string> keel = stat_fields(read_text("/proc/42/stat"));
    ASSERT_EQ(host.size(), 52u);
    ASSERT_EQ(keel.size(), 52u);
    EXPECT_EQ(host[0], std::to_string(getpid()));
    EXPECT_EQ(keel[0], "42");
    EXPECT_EQ(host[3], std::to_string(getppid())); // field 4: ppid
    EXPECT_EQ(keel[3], "1");
    EXPECT_EQ(keel[6], "1281");                     // field 7: tty_nr, the console (5, 1)
    EXPECT_EQ(keel[7], "42");                       // field 8: tpgid, its terminal's foreground
    EXPECT_EQ(keel[19], "1");                       // field 20: num_threads
    EXPECT_EQ(keel[24], host[24]);                  // field 25: rsslim, unlimited
    EXPECT_EQ(keel[37], host[37]);                  // field 38: exit_signal, SIGCHLD
    EXPECT_EQ(keel[22], "3133440");                 // field 23: vsize in bytes
    EXPECT_EQ(keel[23], "416");                     // field 24: rss in pages
    for (size_t index = 2; index < 52; ++index) {
        EXPECT_FALSE(host[index].empty()) << index;
        EXPECT_EQ(keel[index].find_first_not_of("-0123456789RSZ"), std::string::npos) << index << ": " << keel[index];
    }
}

TEST_F(ProcfsProcessesTest, StatusOfAUserProcess)
{
    EXPECT_EQ(read_text("/proc/42/status"), "Name:\tsh\n"
                                            "Umask:\t0027\n"
                                            "State:\tS (sleeping)\n"
                                            "Tgid:\t42\n"
                                            "Ngid:\t0\n"
                                            "Pid:\t42\n"
                                            "PPid:\t1\n"
                                            "TracerPid:\t0\n"
                                            "Uid:\t1000\t1001\t1002\t1001\n"
                                            "Gid:\t100\t101\t102\t101\n"
                                            "NStgid:\t42\n"
                                            "NSpid:\t42\n"
                                            "NSpgid:\t42\n"
                                            "NSsid:\t1\n"
                                            "Kthread:\t0\n"
                                            "VmSize:\t    3060 kB\n"
                                            "VmRSS:\t    1664 kB\n"
                                            "Threads:\t1\n"
                                            "SigPnd:\t0000000000000000\n"
                                            "ShdPnd:\t0000000000010000\n"
                                            "SigBlk:\t0000000000000002\n"
                                            "SigIgn:\t0000000000004004\n"
                                            "SigCgt:\t0000000000010002\n");
}

TEST_F(ProcfsProcessesTest, StatusOfTheKernelAndOfAZombieHaveNoMemoryLines)
{
    std::string kernel = read_text("/proc/1/status");
    EXPECT_EQ(kernel.substr(0, kernel.find("Tgid")), "Name:\tkernel\nUmask:\t0022\nState:\tR (running)\n");
    EXPECT_NE(kernel.find("\nPPid:\t0\n"), std::string::npos);
    EXPECT_NE(kernel.find("\nKthread:\t1\nThreads:\t7\n"), std::string::npos) << kernel;
    std::string zombie = read_text("/proc/43/status");
    EXPECT_NE(zombie.find("\nState:\tZ (zombie)\n"), std::string::npos);
    EXPECT_EQ(zombie.find("Vm"), std::string::npos) << zombie;
    EXPECT_NE(zombie.find("\nThreads:\t0\n"), std::string::npos);
}

// Every key Keel writes is one the host's status has, in the host's order, with the same
// "Key:\t" layout.
TEST_F(ProcfsProcessesTest, StatusKeysFollowTheHostsOrder)
{
    std::vector<std::string> host_keys;
    for (const std::string& line : split(host_file("/proc/self/status"), '\n'))
        host_keys.push_back(line.substr(0, line.find(":\t")));
    size_t next = 0;
    for (const std::string& line : split(read_text("/proc/42/status"), '\n')) {
        size_t colon = line.find(":\t");
        ASSERT_NE(colon, std::string::npos) << line;
        std::string key = line.substr(0, colon);
        auto found = std::find(host_keys.begin() + next, host_keys.end(), key);
        ASSERT_NE(found, host_keys.end()) << key << " is not in the host's status after " << host_keys[next];
        next = found - host_keys.begin() + 1;
    }
}

TEST_F(ProcfsProcessesTest, CmdlineIsTheArgumentsEachEndedByANul)
{
    EXPECT_EQ(read_text("/proc/42/cmdline"), std::string("/bin/sh\0-c\0echo hi\0", 20));
    EXPECT_EQ(read_text("/proc/1/cmdline"), "");
    EXPECT_EQ(read_text("/proc/43/cmdline"), "");
}

TEST_F(ProcfsProcessesTest, MapsHasOneLinuxLinePerRegion)
{
    fs::ProcRegion code = region(0x400000, 0x401000, "r-xp", "/bin/sh");
    code.file_offset = 0x1000;
    code.device_major = 0;
    code.device_minor = 0x1c;
    code.inode = 12;
    fake.regions[42] = {
        code,
        region(0x402000, 0x423000, "rw-p", "[heap]"),
        region(0x7f0000000000, 0x7f0000002000, "rw-s"),
        region(0x7f0000002000, 0x7f0000003000, "---p"),
        region(0x7ffffffde000, 0x7ffffffff000, "rw-p", "[stack]"),
    };
    EXPECT_EQ(read_text("/proc/42/maps"),
              "00400000-00401000 r-xp 00001000 00:1c 12 " + std::string(72 - 41, ' ') + " /bin/sh\n"
              "00402000-00423000 rw-p 00000000 00:00 0 " + std::string(72 - 40, ' ') + " [heap]\n"
              "7f0000000000-7f0000002000 rw-s 00000000 00:00 0 \n"
              "7f0000002000-7f0000003000 ---p 00000000 00:00 0 \n"
              "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 " + std::string(72 - 48, ' ') + " [stack]\n");
    EXPECT_EQ(read_text("/proc/1/maps"), "");
}

// The host puts a named region's path at column 73 whatever the address width; so does Keel.
TEST_F(ProcfsProcessesTest, MapsPathsStartInTheHostsColumn)
{
    std::set<size_t> host_columns;
    for (const std::string& line : split(host_file("/proc/self/maps"), '\n')) {
        size_t column = line.find_first_of("/[");
        if (column != std::string::npos)
            host_columns.insert(column);
    }
    ASSERT_EQ(host_columns, std::set<size_t> { 73 });
    fake.regions[42] = { region(0x400000, 0x401000, "r--p", "/bin/sh"),
                         region(0x7ffffffde000, 0x7ffffffff000, "rw-p", "[stack]") };
    for (const std::string& line : split(read_text("/proc/42/maps"), '\n'))
        EXPECT_EQ(line.find_first_of("/["), 73u) << line;
}

} // namespace
