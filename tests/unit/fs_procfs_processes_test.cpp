// procfs's process folders (core/fs/procfs/proc_processes.cpp, proc_process_files.cpp)
// with a fake fs::ProcessSource in place of core/proc: the exact text of stat, status,
// cmdline and maps for a user process, the kernel process and a zombie; their layouts
// against the host's own /proc/self files (field count and order, the keys of status,
// the column of a maps path); /proc/self; the root's listing in id order; and a process
// that goes away while its file is open.
#include "fs_proc_dev_test_support.hpp"

#include <fs/procfs/process_source.hpp>
#include <fs/procfs/procfs.hpp>
#include <sched/thread.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

namespace {

using fs_test::SpecialFsTest;
using kstd::Errno;
using namespace fs::open_flags;

constexpr int errno_of(Errno code)
{
    return static_cast<int>(code);
}

struct FakeProcesses final : fs::ProcessSource {
    std::map<uint32_t, fs::ProcProcess> processes;
    std::map<uint32_t, std::string> command_lines;
    std::map<uint32_t, std::vector<fs::ProcRegion>> regions;
    uint32_t caller = 1;

    kstd::Optional<uint32_t> next_pid(uint32_t pid) override
    {
        auto found = processes.lower_bound(pid);
        if (found == processes.end())
            return {};
        return found->first;
    }

    kstd::Optional<fs::ProcProcess> process(uint32_t pid) override
    {
        auto found = processes.find(pid);
        if (found == processes.end())
            return {};
        return found->second;
    }

    uint32_t caller_pid() override { return caller; }

    kstd::Optional<size_t> command_line(uint32_t pid, kstd::Span<char> buffer) override
    {
        if (!processes.count(pid))
            return {};
        const std::string& text = command_lines[pid];
        size_t length = std::min(text.size(), buffer.size());
        std::copy_n(text.data(), length, buffer.data());
        return length;
    }

    kstd::Optional<fs::ProcRegion> region_above(uint32_t pid, uint64_t address) override
    {
        for (const fs::ProcRegion& region : regions[pid])
            if (region.end > address)
                return region;
        return {};
    }
};

fs::ProcProcess kernel_process()
{
    fs::ProcProcess process;
    process.pid = 1;
    process.process_group = 1;
    process.session = 1;
    process.state = 'R';
    process.name.write("kernel");
    process.kernel = true;
    process.thread_count = 7;
    process.system_cpu_ns = 2'345'000'000; // 234 ticks
    return process;
}

fs::ProcProcess shell_process()
{
    fs::ProcProcess process;
    process.pid = 42;
    process.parent_pid = 1;
    process.process_group = 42;
    process.session = 1;
    process.state = 'S';
    process.name.write("sh");
    process.umask = 0027;
    process.uid[0] = 1000, process.uid[1] = 1001, process.uid[2] = 1002, process.uid[3] = 1001;
    process.gid[0] = 100, process.gid[1] = 101, process.gid[2] = 102, process.gid[3] = 101;
    process.thread_count = 1;
    process.user_cpu_ns = 123'456'789; // 12 ticks
    process.start_ns = 5'019'999'999;  // 501 ticks
    process.memory_bytes = 3'133'440;
    process.resident_bytes = 416 * 4096;
    return process;
}

fs::ProcProcess zombie_process()
{
    fs::ProcProcess process;
    process.pid = 43;
    process.parent_pid = 42;
    process.process_group = 42;
    process.session = 1;
    process.state = 'Z';
    process.name.write("false");
    process.thread_count = 0;
    process.user_cpu_ns = 30'000'000;
    process.start_ns = 6'000'000'000;
    process.memory_bytes = 8192; // not shown: a zombie has no memory
    process.exit_code = 1 << 8;
    return process;
}

fs::ProcRegion region(uint64_t start, uint64_t end, const char* permissions, const char* path = "")
{
    fs::ProcRegion made;
    made.start = start;
    made.end = end;
    made.read = permissions[0] == 'r';
    made.write = permissions[1] == 'w';
    made.execute = permissions[2] == 'x';
    made.shared = permissions[3] == 's';
    made.path.write(path);
    return made;
}

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, separator);)
        parts.push_back(part);
    return parts;
}

std::string host_file(const char* path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The fields of a stat line, the command name (which may hold blanks) as one.
std::vector<std::string> stat_fields(const std::string& line)
{
    size_t open = line.find(" (");
    size_t close = line.rfind(") ");
    std::vector<std::string> fields { line.substr(0, open), line.substr(open + 1, close - open) };
    std::string rest = line.substr(close + 2);
    if (!rest.empty() && rest.back() == '\n')
        rest.pop_back();
    for (const std::string& field : split(rest, ' '))
        fields.push_back(field);
    return fields;
}

struct ProcfsProcessesTest : SpecialFsTest {
    ProcfsProcessesTest()
    {
        mount_at("/proc", fs::make_procfs(*vfs), "proc");
        fake.processes[1] = kernel_process();
        fake.processes[42] = shell_process();
        fake.processes[43] = zombie_process();
        fake.command_lines[42] = std::string("/bin/sh\0-c\0echo hi\0", 20);
        fake.command_lines[43] = "";
        fs::set_process_source(&fake);
    }
    ~ProcfsProcessesTest() override { fs::set_process_source(nullptr); }

    std::string read_text(const std::string& path)
    {
        auto text = read_file(path);
        EXPECT_TRUE(text.has_value()) << path;
        return text.value_or("");
    }

    std::string read_link(const std::string& path)
    {
        char buffer[64];
        auto length = context->readlink(view(path), { buffer, sizeof(buffer) });
        EXPECT_FALSE(length.is_error()) << path;
        return length.is_error() ? "" : std::string(buffer, length.value());
    }

    FakeProcesses fake;
};

TEST_F(ProcfsProcessesTest, StatOfAUserProcessIsLinuxsLine)
{
    EXPECT_EQ(read_text("/proc/42/stat"),
              "42 (sh) S 1 42 1 0 -1 0 0 0 0 0 12 0 0 0 20 0 1 0 501 3133440 416 18446744073709551615 "
              "0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
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
    EXPECT_EQ(keel[6], "0");                        // field 7: tty_nr, no terminal
    EXPECT_EQ(keel[7], "-1");                       // field 8: tpgid, none without a terminal
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
                                            "Threads:\t1\n");
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
    std::vector<std::string> expected { ".", "..", "meminfo", "uptime", "mounts", "interrupts", "self" };
    std::set<uint32_t> ids { 1, 7, 42, 43 };
    for (uint32_t id = 0; auto thread = sched::find_thread_from(id); id = thread.value().id + 1)
        ids.insert(thread.value().id);
    for (uint32_t id : ids)
        expected.push_back(std::to_string(id));
    EXPECT_EQ(names, expected);
    EXPECT_EQ(list("/proc/42"), (std::vector<std::string> { ".", "..", "stat", "status", "cmdline", "maps" }));
}

TEST_F(ProcfsProcessesTest, FilesHaveSteadyDistinctNumbers)
{
    std::set<uint64_t> numbers;
    for (const char* path : { "/proc/42", "/proc/42/stat", "/proc/42/status", "/proc/42/cmdline", "/proc/42/maps",
                              "/proc/43", "/proc/43/stat", "/proc/self", "/proc/meminfo" }) {
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
