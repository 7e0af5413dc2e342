// Shared by the procfs process-folder tests: a fake fs::ProcessSource standing in for
// core/proc, three processes (the kernel, a shell, a zombie) to give it, and a fixture
// with procfs mounted on /proc of a ramfs root and the fake registered.
#pragma once
#include "fs_proc_dev_test_support.hpp"

#include <fs/procfs/process_source.hpp>
#include <fs/procfs/procfs.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace procfs_test {

using fs_test::SpecialFsTest;

inline constexpr int errno_of(kstd::Errno code)
{
    return static_cast<int>(code);
}

struct FakeProcesses final : fs::ProcessSource {
    std::map<uint32_t, fs::ProcProcess> processes;
    std::map<uint32_t, std::string> command_lines;
    std::map<uint32_t, std::vector<fs::ProcRegion>> regions;
    // Per pid, per descriptor: its access mode and what its link reads.
    std::map<uint32_t, std::map<int, std::pair<uint32_t, std::string>>> descriptors;
    std::map<uint32_t, std::string> executables;
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

    kstd::Optional<size_t> executable_path(uint32_t pid, kstd::Span<char> buffer) override
    {
        if (!processes.count(pid))
            return {};
        const std::string& text = executables[pid];
        size_t length = std::min(text.size(), buffer.size());
        std::copy_n(text.data(), length, buffer.data());
        return length;
    }

    kstd::Optional<fs::ProcDescriptor> next_descriptor(uint32_t pid, int fd) override
    {
        if (!processes.count(pid))
            return {};
        auto& table = descriptors[pid];
        auto found = table.lower_bound(fd);
        if (found == table.end())
            return {};
        return fs::ProcDescriptor { found->first, found->second.first };
    }

    bool describe_descriptor(uint32_t pid, int fd, kstd::Writer& out) override
    {
        if (!processes.count(pid) || !descriptors[pid].count(fd))
            return false;
        const std::string& text = descriptors[pid][fd].second;
        out.write({ text.data(), text.size() });
        return true;
    }
};

inline fs::ProcProcess kernel_process()
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

inline fs::ProcProcess shell_process()
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
    process.signals_pending = 1 << (17 - 1);                   // SIGCHLD
    process.signals_blocked = 1 << (2 - 1);                    // SIGINT
    process.signals_ignored = (1 << (3 - 1)) | (1 << (15 - 1)); // SIGQUIT, SIGTERM
    process.signals_caught = (1 << (2 - 1)) | (1 << (17 - 1));  // SIGINT, SIGCHLD
    process.terminal_device = 5 << 8 | 1;                      // /dev/console
    process.terminal_group = 42;
    return process;
}

inline fs::ProcProcess zombie_process()
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

inline fs::ProcRegion region(uint64_t start, uint64_t end, const char* permissions, const char* path = "")
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

inline std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, separator);)
        parts.push_back(part);
    return parts;
}

inline std::string host_file(const char* path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The fields of a stat line, the command name (which may hold blanks) as one.
inline std::vector<std::string> stat_fields(const std::string& line)
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

    std::string read_link(const std::string& path)
    {
        char buffer[64];
        auto length = context->readlink(view(path), { buffer, sizeof(buffer) });
        EXPECT_FALSE(length.is_error()) << path;
        return length.is_error() ? "" : std::string(buffer, length.value());
    }

    FakeProcesses fake;
};

} // namespace procfs_test
