// procfs's files about the CPU and the kernel (core/fs/procfs/proc_statistics_files.cpp,
// proc_cpuinfo.cpp) and statfs/fstatfs of each file system (core/fs/statfs_calls.cpp):
// each file parsed as a program parses Linux's and compared with the host's where the two
// must agree (the layout; and for cpuinfo, whose CPUID in the sim is the host's own, the
// processor's identity). Host tests run no scheduler, so the CPU figures are those of a
// kernel that has not started: no ticks, no load.
#include "fs_proc_dev_test_support.hpp"

#include <fs/devfs/devfs.hpp>
#include <fs/procfs/procfs.hpp>
#include <fs/superblock.hpp>
#include <hal/irq.hpp>
#include <kstd/version.hpp>
#include <sched/thread.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace {

using fs_test::lines_of;
using fs_test::ProcfsTest;
using namespace fs::open_flags;

std::vector<std::string> words_of(const std::string& line)
{
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string word; in >> word;)
        words.push_back(word);
    return words;
}

std::string host_file(const char* path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

struct ProcfsStatisticsTest : ProcfsTest {};

TEST_F(ProcfsStatisticsTest, LoadavgIsLinuxsLine)
{
    std::string text = read_text("/proc/loadavg");
    std::regex format("([0-9]+\\.[0-9]{2}) ([0-9]+\\.[0-9]{2}) ([0-9]+\\.[0-9]{2}) ([0-9]+)/([0-9]+) ([0-9]+)\n");
    std::smatch match;
    ASSERT_TRUE(std::regex_match(text, match, format)) << text;
    std::string host = host_file("/proc/loadavg");
    EXPECT_TRUE(std::regex_match(host, format)) << "the host's: " << host;
    EXPECT_EQ(match[1], "0.00");
    EXPECT_EQ(match[4], "0"); // nothing runs
    EXPECT_EQ(std::stoul(match[5]), sched::thread_count());
    EXPECT_EQ(std::stoul(match[6]), sched::last_thread_id());
}

TEST_F(ProcfsStatisticsTest, StatHasTheHostsKeysAndFields)
{
    std::vector<std::string> lines = lines_of(read_text("/proc/stat"));
    std::vector<std::string> keys;
    std::map<std::string, std::vector<std::string>> fields;
    for (const std::string& line : lines) {
        std::vector<std::string> words = words_of(line);
        ASSERT_FALSE(words.empty());
        keys.push_back(words[0]);
        fields[words[0]] = std::vector<std::string>(words.begin() + 1, words.end());
        for (size_t index = 1; index < words.size(); ++index)
            EXPECT_TRUE(std::regex_match(words[index], std::regex("[0-9]+"))) << line;
    }
    EXPECT_EQ(keys, (std::vector<std::string> { "cpu", "cpu0", "intr", "ctxt", "btime", "processes", "procs_running",
                                                "procs_blocked", "softirq" }));
    ASSERT_EQ(lines[0].substr(0, 5), "cpu  "); // Linux's two blanks
    // The host's lines have the same keys (one cpuN per CPU) and as many fields.
    std::map<std::string, size_t> host_counts;
    for (const std::string& line : lines_of(host_file("/proc/stat"))) {
        std::vector<std::string> words = words_of(line);
        host_counts[words[0]] = words.size() - 1;
    }
    for (const char* key : { "cpu", "cpu0", "ctxt", "btime", "processes", "procs_running", "procs_blocked", "softirq" })
        EXPECT_EQ(fields[key].size(), host_counts[key]) << key;
    EXPECT_EQ(fields["cpu"], fields["cpu0"]);
    ASSERT_EQ(fields["intr"].size(), 1 + hal::IRQ_LINES);
    uint64_t sum = 0;
    for (unsigned line = 0; line < hal::IRQ_LINES; ++line) {
        EXPECT_EQ(std::stoull(fields["intr"][1 + line]), hal::irq_count(line));
        sum += hal::irq_count(line);
    }
    EXPECT_EQ(std::stoull(fields["intr"][0]), sum);
    EXPECT_EQ(fields["processes"][0], std::to_string(sched::last_thread_id()));
    EXPECT_EQ(fields["btime"][0], "0");
}

TEST_F(ProcfsStatisticsTest, VersionStartsWithWhatUnameSays)
{
    std::string text = read_text("/proc/version");
    std::string release = "6.1.0-keel-" + std::string(kstd::keel_version().data(), kstd::keel_version().size());
    EXPECT_EQ(text.substr(0, 13 + release.size()), "Keel version " + release);
    // Linux's shape: "NAME version RELEASE (BUILDER) (COMPILER) BUILD".
    std::regex format("([^ ]+) version ([^ ]+) \\([^ ]+@[^ ]+\\) \\(.+\\) (#[^\n]+)\n");
    std::smatch match;
    ASSERT_TRUE(std::regex_match(text, match, format)) << text;
    EXPECT_EQ(match[3], "#1 Keel");
    std::string host = host_file("/proc/version");
    EXPECT_TRUE(std::regex_match(host, format)) << "the host's: " << host;
}

// In the sim, CPUID is the host's processor: the identity must be the host's.
TEST_F(ProcfsStatisticsTest, CpuinfoIsTheHostsProcessorInLinuxsLayout)
{
    auto parse = [](const std::string& text, std::vector<std::string>& keys) {
        std::map<std::string, std::string> values;
        for (const std::string& line : lines_of(text)) {
            if (line.empty())
                break; // the first processor only
            size_t colon = line.find(':');
            EXPECT_NE(colon, std::string::npos) << line;
            std::string key = line.substr(0, colon);
            EXPECT_TRUE(std::regex_match(key, std::regex("[a-zA-Z_0-9 ]+\t+|power management"))) << line;
            key = key.substr(0, key.find('\t'));
            keys.push_back(key);
            values[key] = line.size() > colon + 2 ? line.substr(colon + 2) : "";
        }
        return values;
    };
    std::vector<std::string> keys, host_keys;
    std::string text = read_text("/proc/cpuinfo");
    ASSERT_EQ(text.substr(text.size() - 2), "\n\n");
    auto ours = parse(text, keys);
    auto host = parse(host_file("/proc/cpuinfo"), host_keys);
    // Our keys are some of the host's, in the host's order, with the same tab padding.
    size_t at = 0;
    for (const std::string& key : keys) {
        while (at < host_keys.size() && host_keys[at] != key)
            ++at;
        EXPECT_LT(at, host_keys.size()) << key << " missing or out of order";
    }
    // The host's Linux may show another brand (a hypervisor's quirk) and hides the
    // features it does not use, so only the signature must be the same.
    for (const char* key : { "vendor_id", "cpu family", "model", "stepping", "cpuid level", "clflush size" })
        EXPECT_EQ(ours[key], host[key]) << key;
    EXPECT_FALSE(ours["model name"].empty());
    EXPECT_EQ(ours["processor"], "0");
    EXPECT_TRUE(std::regex_match(ours["address sizes"], std::regex("[0-9]+ bits physical, [0-9]+ bits virtual")));
    // Linux shows a feature only when CPUID has it (x2apic aside, which it may set when it
    // enables the mode): each common one the host shows, we do.
    std::set<std::string> ours_flags;
    for (const std::string& flag : words_of(ours["flags"])) {
        EXPECT_TRUE(std::regex_match(flag, std::regex("[a-z0-9_]+"))) << flag;
        EXPECT_TRUE(ours_flags.insert(flag).second) << "twice: " << flag;
    }
    for (const std::string& flag : words_of(host["flags"])) {
        static const std::set<std::string> common { "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8",
            "apic", "sep", "pge", "mca", "cmov", "pat", "pse36", "clflush", "mmx", "fxsr", "sse", "sse2", "ht",
            "syscall", "nx", "mmxext", "lm", "pni", "pclmulqdq", "ssse3", "fma", "cx16", "sse4_1", "sse4_2",
            "movbe", "popcnt", "aes", "xsave", "avx", "f16c", "rdrand", "hypervisor", "lahf_lm", "avx2",
            "bmi1", "bmi2", "adx", "sha_ni", "avx512f", "rdseed", "clflushopt" };
        if (common.count(flag)) {
            EXPECT_TRUE(ours_flags.count(flag)) << "the host shows " << flag;
        }
    }
    for (const char* flag : { "fpu", "tsc", "sse2", "lm", "syscall" })
        EXPECT_TRUE(ours_flags.count(flag)) << flag;
}

TEST_F(ProcfsStatisticsTest, FilesystemsListsTheRegisteredTypes)
{
    static bool registered = false; // the table is the kernel's, for the whole run
    if (!registered) {
        auto mount = [](kstd::StringView, kstd::StringView) -> kstd::Result<fs::Superblock*> {
            return kstd::Errno::NoSuchDevice;
        };
        ASSERT_FALSE(fs::register_file_system_type({ "procfs-test-type", mount }).is_error());
        registered = true;
    }
    std::string expected;
    for (const fs::FileSystemType& type : fs::file_system_types())
        expected += "nodev\t" + std::string(type.name.data(), type.name.size()) + "\n";
    EXPECT_NE(expected.find("nodev\tprocfs-test-type\n"), std::string::npos);
    EXPECT_EQ(read_text("/proc/filesystems"), expected);
    for (const std::string& line : lines_of(host_file("/proc/filesystems")))
        EXPECT_TRUE(std::regex_match(line, std::regex("(nodev)?\t[a-z0-9_.]+"))) << "the host's: " << line;
}

TEST_F(ProcfsStatisticsTest, StatfsGivesEachFileSystemsLinuxMagic)
{
    auto magic_of = [&](const char* path) {
        auto figures = context->statfs(path);
        EXPECT_FALSE(figures.is_error()) << path;
        return figures.is_error() ? 0 : figures.value().magic;
    };
    EXPECT_EQ(magic_of("/"), 0x858458f6u);        // RAMFS_MAGIC
    EXPECT_EQ(magic_of("/proc"), 0x9fa0u);        // PROC_SUPER_MAGIC
    EXPECT_EQ(magic_of("/proc/stat"), 0x9fa0u);
    EXPECT_EQ(magic_of("/dev"), 0x01021994u);     // TMPFS_MAGIC, as Linux's devtmpfs
    EXPECT_EQ(error_of(context->statfs("/nothing")), static_cast<int>(kstd::Errno::NoSuchEntry));
    auto root = context->statfs("/");
    ASSERT_FALSE(root.is_error());
    EXPECT_EQ(root.value().block_size, 4096u);
    EXPECT_GE(root.value().total_blocks, root.value().free_blocks);
    EXPECT_EQ(context->statfs("/proc").value().total_blocks, 0u);

    int pipe_fds[2];
    ASSERT_FALSE(context->pipe(pipe_fds, 0).is_error());
    auto pipe_figures = context->fstatfs(pipe_fds[0]);
    ASSERT_FALSE(pipe_figures.is_error());
    EXPECT_EQ(pipe_figures.value().magic, 0x50495045u); // PIPEFS_MAGIC
    EXPECT_FALSE(context->close(pipe_fds[0]).is_error());
    EXPECT_FALSE(context->close(pipe_fds[1]).is_error());
    EXPECT_EQ(error_of(context->fstatfs(pipe_fds[0])), static_cast<int>(kstd::Errno::BadFileDescriptor));
}

TEST_F(ProcfsStatisticsTest, DescriptorsDescribeThemselvesAsLinuxsFdLinks)
{
    ASSERT_EQ(error_of(context->mkdir("/tmp")), 0);
    auto file = context->open("/tmp/x", READ_WRITE | CREATE);
    ASSERT_FALSE(file.is_error());
    auto device = context->open("/dev/null", WRITE_ONLY);
    ASSERT_FALSE(device.is_error());
    int pipe_fds[2];
    ASSERT_FALSE(context->pipe(pipe_fds, 0).is_error());
    auto describe = [&](int fd) {
        kstd::FixedString<100> text;
        fs::VfsLocker locked(*vfs);
        auto done = context->describe_descriptor(fd, text);
        return done.is_error() ? "error " + std::to_string(error_of(done))
                               : std::string(text.view().data(), text.view().size());
    };
    EXPECT_EQ(describe(file.value()), "/tmp/x");
    EXPECT_EQ(describe(device.value()), "/dev/null");
    auto pipe_status = context->fstat(pipe_fds[1]);
    ASSERT_FALSE(pipe_status.is_error());
    EXPECT_EQ(describe(pipe_fds[0]), "pipe:[" + std::to_string(pipe_status.value().inode) + "]");
    EXPECT_EQ(describe(40), "error " + std::to_string(static_cast<int>(kstd::Errno::BadFileDescriptor)));
    {
        fs::VfsLocker locked(*vfs);
        auto first = context->next_descriptor(0);
        ASSERT_TRUE(first.has_value());
        EXPECT_EQ(first.value().fd, file.value());
        EXPECT_EQ(first.value().access_mode, READ_WRITE);
        auto second = context->next_descriptor(device.value());
        ASSERT_TRUE(second.has_value());
        EXPECT_EQ(second.value().access_mode, WRITE_ONLY);
        EXPECT_FALSE(context->next_descriptor(pipe_fds[1] + 1).has_value());
    }
    for (int fd : { file.value(), device.value(), pipe_fds[0], pipe_fds[1] })
        EXPECT_FALSE(context->close(fd).is_error());
}

} // namespace
