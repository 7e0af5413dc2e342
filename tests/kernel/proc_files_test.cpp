// In-kernel tests of the process folders of /proc with core/proc's own source
// (proc/proc_files.cpp), on x86_64 under QEMU and in the sim, without user programs: the
// kernel process (pid 0) as a kernel thread sees it through /proc/self, a process made
// and listed by hand (no thread, no memory) with its name and command line, the root's
// listing, and ps's walk over a process's threads.
#include <fs/kernel_fs.hpp>
#include <kstd/parse_number.hpp>
#include <ktest/ktest.hpp>
#include <proc/proc_files.hpp>
#include <proc/process.hpp>
#include <proc/process_internal.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>

namespace {

using kstd::StringView;
using namespace fs::open_flags;

fs::Context& context()
{
    auto current = fs::current();
    VERIFY(!current.is_error());
    return *current.value();
}

struct Text {
    char bytes[4096];
    size_t length = 0;
    StringView view() const { return { bytes, length }; }
    bool contains(StringView text) const { return view().find(text) != StringView::npos; }
    bool starts_with(StringView text) const { return view().substring(0, text.size()) == text; }
};

void read_whole(StringView path, Text& text)
{
    text.length = 0;
    auto fd = context().open(path, READ_ONLY);
    KTEST_EXPECT(!fd.is_error());
    if (fd.is_error())
        return;
    for (;;) {
        auto got = context().read(fd.value(), { reinterpret_cast<uint8_t*>(text.bytes) + text.length,
                                                sizeof text.bytes - text.length });
        KTEST_EXPECT(!got.is_error());
        if (got.is_error() || got.value() == 0)
            break;
        text.length += got.value();
    }
    KTEST_EXPECT(!context().close(fd.value()).is_error());
}

// How many entries of directory `path` are named `name`.
size_t count_listed(StringView path, StringView name)
{
    auto fd = context().open(path, READ_ONLY | DIRECTORY);
    KTEST_EXPECT(!fd.is_error());
    if (fd.is_error())
        return 0;
    size_t count = 0;
    fs::DirectoryEntry entry;
    for (;;) {
        auto more = context().readdir(fd.value(), entry);
        KTEST_EXPECT(!more.is_error());
        if (more.is_error() || !more.value())
            break;
        count += entry.name_view() == name ? 1 : 0;
    }
    KTEST_EXPECT(!context().close(fd.value()).is_error());
    return count;
}

// The fields of a stat line: pid and (comm), then one per blank after the comm.
size_t field_count(StringView line)
{
    size_t count = 2;
    for (size_t index = line.find(") "); index < line.size(); ++index)
        count += line[index] == ' ' ? 1 : 0;
    return count;
}

} // namespace

KTEST(proc_self_of_a_kernel_thread_is_the_kernel_process)
{
    proc::register_procfs_source();
    char target[16];
    auto length = context().readlink("/proc/self", { target, sizeof target });
    KTEST_EXPECT(!length.is_error() && StringView(target, length.value()) == "0");
    static Text status;
    read_whole("/proc/self/status", status);
    KTEST_EXPECT(status.starts_with("Name:\tkernel\nUmask:\t0022\nState:\tR (running)\nTgid:\t0\n"));
    KTEST_EXPECT(status.contains("\nKthread:\t1\n"));
    KTEST_EXPECT(!status.contains("VmSize"));
    static Text stat;
    read_whole("/proc/0/stat", stat);
    KTEST_EXPECT(stat.starts_with("0 (kernel) R 0 0 0 0 -1 2097152 "));
    KTEST_EXPECT(field_count(stat.view()) == 52);
    static Text empty;
    read_whole("/proc/0/cmdline", empty);
    KTEST_EXPECT(empty.length == 0);
    read_whole("/proc/0/maps", empty);
    KTEST_EXPECT(empty.length == 0);
    KTEST_EXPECT(count_listed("/proc", "0") == 1);
    KTEST_EXPECT(count_listed("/proc", "self") == 1);
}

KTEST(proc_folder_of_a_listed_process)
{
    proc::register_procfs_source();
    auto made = proc::create_process(proc::kernel_process());
    KTEST_EXPECT(!made.is_error());
    if (made.is_error())
        return;
    proc::Process& process = *made.value();
    process.name.write("probe");
    constexpr char ARGUMENTS[] = "probe\0--flag\0";
    __builtin_memcpy(process.command_line, ARGUMENTS, sizeof ARGUMENTS - 1);
    process.command_line_length = sizeof ARGUMENTS - 1;
    process.credentials.uid = 7;
    constexpr uint32_t PID = 3'000'000'000u; // above any thread id: the table stays in order
    proc::list_process(process, PID);

    static Text stat, status, command_line;
    read_whole("/proc/3000000000/stat", stat);
    KTEST_EXPECT(stat.starts_with("3000000000 (probe) S 0 0 0 0 -1 0 "));
    KTEST_EXPECT(field_count(stat.view()) == 52);
    read_whole("/proc/3000000000/status", status);
    KTEST_EXPECT(status.starts_with("Name:\tprobe\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t3000000000\n"));
    KTEST_EXPECT(status.contains("\nPPid:\t0\n"));
    KTEST_EXPECT(status.contains("\nUid:\t7\t0\t0\t0\n"));
    KTEST_EXPECT(status.contains("\nThreads:\t0\n"));
    read_whole("/proc/3000000000/cmdline", command_line);
    KTEST_EXPECT(command_line.view() == StringView(ARGUMENTS, sizeof ARGUMENTS - 1));
    KTEST_EXPECT(count_listed("/proc", "3000000000") == 1);
    KTEST_EXPECT(!proc::find_process_thread_from(PID, 0).has_value());

    proc::free_process(&process);
    KTEST_EXPECT(count_listed("/proc", "3000000000") == 0);
    auto gone = context().open("/proc/3000000000/stat", READ_ONLY);
    KTEST_EXPECT(gone.is_error() && gone.error().code() == kstd::Errno::NoSuchEntry);
}

KTEST(ps_walks_the_kernel_threads_under_pid_1)
{
    ksync::InterruptGuard guard; // nothing starts or ends meanwhile (one CPU)
    size_t walked = 0;
    uint32_t last = 0;
    for (uint32_t id = 0; auto thread = proc::find_process_thread_from(proc::KERNEL_PID, id);) {
        KTEST_EXPECT(walked == 0 || thread.value().id > last);
        last = thread.value().id;
        ++walked;
        id = last + 1;
    }
    auto described = proc::describe_process(proc::KERNEL_PID);
    KTEST_EXPECT(described.has_value() && described.value().thread_count == walked);
    KTEST_EXPECT(walked == sched::thread_count()); // no user processes in the test image
    auto first = proc::find_process_thread_from(proc::KERNEL_PID, 0);
    KTEST_EXPECT(first.has_value() && first.value().id == 0); // the boot thread
}
