// procfs: a process's files in Linux's layouts (man 5 proc; fs/proc/array.c and
// task_mmu.c), so that programs and tools that parse Linux's can parse Keel's:
//
//     stat     one line of 52 fields: "42 (sh) S 1 42 42 0 -1 0 0 ... 0\n". Times are in
//              clock ticks (USER_HZ, 100 a second), vsize in bytes, rss in pages; what Keel
//              does not keep (page fault counts, signal masks, code addresses) is 0, as
//              Linux shows for fields it hides.
//     status   "Key:\tvalue" lines: Name, Umask, State, Tgid, Pid, PPid, Uid, Gid, ...,
//              VmSize and VmRSS in kB (not for the kernel process or a zombie), Threads.
//     cmdline  the arguments, each ended by a NUL; empty for the kernel process and a
//              zombie.
//     maps     one line per region: "start-end rwxp offset major:minor inode", then the
//              path ("[heap]", "[stack]", a file's) after padding to column 73.
//
// Each read asks the ProcessSource anew; a process that has been reaped reads ESRCH.
#include <fs/procfs/procfs_inodes.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;
using kstd::Writer;

namespace {

constexpr uint64_t NS_PER_CLOCK_TICK = 1'000'000'000 / 100; // USER_HZ
constexpr uint64_t PAGE_BYTES = 4096;
constexpr uint64_t PF_KTHREAD = 0x00200000;
constexpr int SIGCHLD_NUMBER = 17;
constexpr uint64_t RLIMIT_INFINITY = ~0ull;
// Linux pads a maps line that names something to 25 + 6 * sizeof(void*) - 1 characters,
// then one blank.
constexpr size_t MAPS_NAME_COLUMN = 72;

enum class Part : uint8_t { Stat, Status, CommandLine, Maps };
constexpr StringView PART_NAMES[] = { "stat", "status", "cmdline", "maps" };
static_assert(sizeof(PART_NAMES) / sizeof(PART_NAMES[0]) == PROC_PROCESS_FILE_COUNT);

Result<ProcProcess> find(uint32_t pid)
{
    ProcessSource* source = process_source();
    if (!source)
        return Errno::NoSuchProcess;
    auto found = source->process(pid);
    if (!found)
        return Errno::NoSuchProcess;
    return found.value();
}

StringView state_words(char state)
{
    switch (state) {
    case 'R':
        return "R (running)";
    case 'T':
        return "T (stopped)";
    case 'Z':
        return "Z (zombie)";
    default:
        return "S (sleeping)";
    }
}

bool has_memory(const ProcProcess& process)
{
    return !process.kernel && process.state != 'Z';
}

// fs/proc/array.c's do_task_stat, field by field.
void generate_stat(const ProcProcess& process, Writer& out)
{
    kstd::format_to(out, "{} ({}) {} {} {} {} {} {} {} ", process.pid, process.name.view(), process.state,
                    process.parent_pid, process.process_group, process.session, process.terminal_device,
                    process.terminal_group, process.kernel ? PF_KTHREAD : 0);
    // minflt cminflt majflt cmajflt utime stime cutime cstime priority nice num_threads
    // itrealvalue starttime vsize rss rsslim
    kstd::format_to(out, "0 0 0 0 {} {} 0 0 20 0 {} 0 {} {} {} {} ", process.user_cpu_ns / NS_PER_CLOCK_TICK,
                    process.system_cpu_ns / NS_PER_CLOCK_TICK, process.thread_count,
                    process.start_ns / NS_PER_CLOCK_TICK, has_memory(process) ? process.memory_bytes : 0,
                    has_memory(process) ? process.resident_bytes / PAGE_BYTES : 0, RLIMIT_INFINITY);
    // startcode endcode startstack kstkesp kstkeip signal blocked sigignore sigcatch wchan
    // nswap cnswap exit_signal processor rt_priority policy delayacct_blkio_ticks
    // guest_time cguest_time start_data end_data start_brk arg_start arg_end env_start
    // env_end exit_code
    kstd::format_to(out, "0 0 0 0 0 {} {} {} {} 0 0 0 {} 0 0 0 0 0 0 0 0 0 0 0 0 0 {}\n",
                    process.signals_pending, process.signals_blocked, process.signals_ignored,
                    process.signals_caught,
                    process.kernel ? 0 : SIGCHLD_NUMBER, process.state == 'Z' ? process.exit_code : 0);
}

// fs/proc/array.c's proc_pid_status, the lines Keel has something to say in.
void generate_status(const ProcProcess& process, Writer& out)
{
    kstd::format_to(out, "Name:\t{}\nUmask:\t{:04o}\nState:\t{}\n", process.name.view(), process.umask,
                    state_words(process.state));
    kstd::format_to(out, "Tgid:\t{}\nNgid:\t0\nPid:\t{}\nPPid:\t{}\nTracerPid:\t0\n", process.pid, process.pid,
                    process.parent_pid);
    kstd::format_to(out, "Uid:\t{}\t{}\t{}\t{}\n", process.uid[0], process.uid[1], process.uid[2], process.uid[3]);
    kstd::format_to(out, "Gid:\t{}\t{}\t{}\t{}\n", process.gid[0], process.gid[1], process.gid[2], process.gid[3]);
    kstd::format_to(out, "NStgid:\t{}\nNSpid:\t{}\nNSpgid:\t{}\nNSsid:\t{}\nKthread:\t{}\n", process.pid,
                    process.pid, process.process_group, process.session, process.kernel ? 1 : 0);
    if (has_memory(process)) {
        kstd::format_to(out, "VmSize:\t{:>8} kB\nVmRSS:\t{:>8} kB\n", process.memory_bytes / 1024,
                        process.resident_bytes / 1024);
    }
    kstd::format_to(out, "Threads:\t{}\n", process.thread_count);
    // One thread per process: every pending signal is the process's (ShdPnd).
    kstd::format_to(out, "SigPnd:\t{:016x}\nShdPnd:\t{:016x}\n", 0, process.signals_pending);
    kstd::format_to(out, "SigBlk:\t{:016x}\nSigIgn:\t{:016x}\nSigCgt:\t{:016x}\n", process.signals_blocked,
                    process.signals_ignored, process.signals_caught);
}

// fs/proc/task_mmu.c's show_map_vma.
void generate_region(const ProcRegion& region, Writer& out)
{
    kstd::FixedString<MAPS_NAME_COLUMN + 8 + 64> line;
    kstd::format_to(line, "{:08x}-{:08x} {}{}{}{} {:08x} {:02x}:{:02x} {} ", region.start, region.end,
                    region.read ? 'r' : '-', region.write ? 'w' : '-', region.execute ? 'x' : '-',
                    region.shared ? 's' : 'p', region.file_offset, region.device_major, region.device_minor,
                    region.inode);
    out.write(line.view());
    if (region.path.length() > 0) {
        for (size_t column = line.length(); column < MAPS_NAME_COLUMN; ++column)
            out.write(" ");
        kstd::format_to(out, " {}", region.path.view());
    }
    out.write("\n");
}

class ProcProcessFile final : public ProcGeneratedFile {
public:
    ProcProcessFile(Superblock& superblock, uint32_t pid, Part part)
        : ProcGeneratedFile(superblock,
                            proc_inode::of_thread(pid, proc_inode::FIRST_PROCESS_FILE_PART + uint64_t(part)))
        , m_pid(pid)
        , m_part(part)
    {
    }

    bool still_valid() const override { return is_proc_process(m_pid); }

protected:
    Result<void> generate(Writer& out) const override
    {
        ProcProcess process = TRY(find(m_pid));
        switch (m_part) {
        case Part::Stat:
            generate_stat(process, out);
            break;
        case Part::Status:
            generate_status(process, out);
            break;
        case Part::CommandLine:
            return generate_command_line(out);
        case Part::Maps:
            return generate_maps(out);
        }
        return {};
    }

private:
    Result<void> generate_command_line(Writer& out) const
    {
        char text[256];
        auto length = process_source()->command_line(m_pid, { text, sizeof(text) });
        if (!length)
            return Errno::NoSuchProcess;
        out.write({ text, length.value() });
        return {};
    }

    Result<void> generate_maps(Writer& out) const
    {
        uint64_t address = 0;
        while (auto region = process_source()->region_above(m_pid, address)) {
            generate_region(region.value(), out);
            if (region.value().end <= address)
                break; // a source that does not move on would loop for ever
            address = region.value().end;
        }
        return {};
    }

    uint32_t m_pid;
    Part m_part;
};

} // namespace

StringView proc_process_file_name(size_t index)
{
    return PART_NAMES[index];
}

Result<Inode*> make_proc_process_file(ProcfsSuperblock& superblock, uint32_t pid, StringView name)
{
    for (size_t index = 0; index < PROC_PROCESS_FILE_COUNT; ++index) {
        if (name != PART_NAMES[index])
            continue;
        Inode* file = mm::make<ProcProcessFile>(superblock, pid, Part(index));
        if (!file)
            return Errno::OutOfMemory;
        return file;
    }
    return Errno::NoSuchEntry;
}

} // namespace fs
