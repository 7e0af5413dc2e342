// procfs's view of processes (proc_files.hpp): the fs::ProcessSource core/proc
// registers, and the per-process thread walk ps uses.
//
// Each call looks the process up by pid with interrupts off and copies what it needs, so a
// process reaped between two calls is simply not found by the second. Threads are walked
// through sched::find_thread_from, which gives each thread's process pointer; a pointer is
// only compared with the process found in the same interrupts-off stretch.
#include <fs/context.hpp>
#include <mm/user_memory.hpp>
#include <proc/proc_files.hpp>
#include <proc/process.hpp>
#include <sync/interrupt_guard.hpp>
#include <tty/terminal.hpp>

namespace proc {
namespace {

bool belongs_to(const sched::ThreadInfo& thread, const Process& process)
{
    if (&process == &kernel_process())
        return thread.process == nullptr || thread.process == &process;
    return thread.process == &process;
}

// Walks the live threads of `process` (interrupts off), lowest id first, from `id`.
template<typename Visit>
void for_each_thread_of(const Process& process, uint32_t id, Visit&& visit)
{
    while (auto found = sched::find_thread_from(id)) {
        const sched::ThreadInfo& thread = found.value();
        if (belongs_to(thread, process) && !visit(thread))
            return;
        if (thread.id == UINT32_MAX)
            return;
        id = thread.id + 1;
    }
}

// glibc's major() and minor() of a device number, as stat(2) gives it to a program.
uint32_t major_of(uint64_t device)
{
    return static_cast<uint32_t>(((device >> 8) & 0xfff) | ((device >> 32) & ~0xfffull));
}

uint32_t minor_of(uint64_t device)
{
    return static_cast<uint32_t>((device & 0xff) | ((device >> 12) & ~0xffull));
}

fs::ProcRegion region_of(const mm::UserRegionInfo& info)
{
    fs::ProcRegion region;
    region.start = info.start;
    region.end = info.end;
    region.read = mm::allows(info.protection, mm::Protection::Read);
    region.write = mm::allows(info.protection, mm::Protection::Write);
    region.execute = mm::allows(info.protection, mm::Protection::Execute);
    region.shared = info.shared;
    region.file_offset = info.file_offset;
    if (info.file) {
        uint64_t device = 0, inode = 0;
        kstd::StringView path;
        info.file->describe(device, inode, path);
        region.device_major = major_of(device);
        region.device_minor = minor_of(device);
        region.inode = inode;
        region.path.write(path);
    } else if (info.kind == mm::UserRegionKind::Heap) {
        region.path.write("[heap]");
    } else if (info.kind == mm::UserRegionKind::Stack) {
        region.path.write("[stack]");
    }
    return region;
}

class KernelProcessSource final : public fs::ProcessSource {
public:
    kstd::Optional<uint32_t> next_pid(uint32_t pid) override
    {
        auto found = find_process_from(pid);
        if (!found)
            return {};
        return found.value().pid;
    }

    kstd::Optional<fs::ProcProcess> process(uint32_t pid) override { return describe_process(pid); }

    uint32_t caller_pid() override { return current().pid; }

    kstd::Optional<size_t> command_line(uint32_t pid, kstd::Span<char> buffer) override
    {
        return copy_command_line(pid, buffer);
    }

    kstd::Optional<fs::ProcRegion> region_above(uint32_t pid, uint64_t address) override
    {
        ksync::InterruptGuard guard;
        Process* process = find_process(pid);
        if (!process || !process->memory || process->state == ProcessState::Zombie)
            return {};
        fs::ProcRegion region {};
        bool found = false;
        process->memory->for_each_region([&](const mm::UserRegionInfo& info) {
            if (!found && info.end > address) {
                region = region_of(info);
                found = true;
            }
        });
        if (!found)
            return {};
        return region;
    }

    kstd::Optional<size_t> executable_path(uint32_t pid, kstd::Span<char> buffer) override
    {
        ksync::InterruptGuard guard;
        Process* process = find_process(pid);
        if (!process)
            return {};
        if (process->state == ProcessState::Zombie)
            return size_t(0);
        kstd::StringView path = process->executable_path.view();
        size_t length = path.size() < buffer.size() ? path.size() : buffer.size();
        __builtin_memcpy(buffer.data(), path.data(), length);
        return length;
    }

    // The Vfs's lock, which the caller holds, keeps the descriptor table still; the
    // interrupts-off stretch keeps the process from being reaped meanwhile.
    kstd::Optional<fs::ProcDescriptor> next_descriptor(uint32_t pid, int fd) override
    {
        ksync::InterruptGuard guard;
        fs::Context* files = files_of(pid);
        if (!files)
            return {};
        auto found = files->next_descriptor(fd);
        if (!found)
            return {};
        return fs::ProcDescriptor { found.value().fd, found.value().access_mode };
    }

    bool describe_descriptor(uint32_t pid, int fd, kstd::Writer& out) override
    {
        ksync::InterruptGuard guard;
        fs::Context* files = files_of(pid);
        return files && !files->describe_descriptor(fd, out).is_error();
    }

private:
    static fs::Context* files_of(uint32_t pid)
    {
        Process* process = find_process(pid);
        if (!process || process->state == ProcessState::Zombie)
            return nullptr;
        return process->files;
    }
};

KernelProcessSource g_source;

// As Linux's /proc/<pid>/status counts them: SIG_IGN set explicitly, and handlers.
void describe_signals(const SignalState& signals, fs::ProcProcess& out)
{
    out.signals_pending = signals.pending;
    out.signals_blocked = signals.blocked;
    for (int signal = 1; signal <= SIGNAL_COUNT; ++signal) {
        uint64_t handler = signals.actions[signal - 1].handler;
        if (handler == HANDLER_IGNORE)
            out.signals_ignored |= signal_bit(signal);
        else if (handler != HANDLER_DEFAULT)
            out.signals_caught |= signal_bit(signal);
    }
}

} // namespace

void register_procfs_source()
{
    fs::set_process_source(&g_source);
}

kstd::Optional<fs::ProcProcess> describe_process(uint32_t pid)
{
    ksync::InterruptGuard guard;
    Process* found = find_process(pid);
    if (!found)
        return {};
    const Process& process = *found;
    fs::ProcProcess out;
    out.pid = process.pid;
    out.parent_pid = process.parent ? process.parent->pid : 0;
    out.process_group = process.process_group;
    out.session = process.session;
    out.name = process.name;
    out.kernel = &process == &kernel_process();
    out.umask = process.files ? process.files->umask() : fs::Context::DEFAULT_UMASK;
    const Credentials& credentials = process.credentials;
    uint32_t uid[4] = { credentials.uid, credentials.effective_uid, credentials.saved_uid, credentials.effective_uid };
    uint32_t gid[4] = { credentials.gid, credentials.effective_gid, credentials.saved_gid, credentials.effective_gid };
    for (size_t index = 0; index < 4; ++index) {
        out.uid[index] = uid[index];
        out.gid[index] = gid[index];
    }
    uint64_t cpu_ns = process.ended_threads_cpu_ns;
    uint64_t user_ns = process.ended_threads_user_ns;
    bool runnable = false;
    size_t live_threads = 0;
    for_each_thread_of(process, 0, [&](const sched::ThreadInfo& thread) {
        cpu_ns += thread.cpu_time_ns;
        user_ns += thread.user_time_ns;
        runnable = runnable || thread.state == sched::ThreadState::Ready
                   || thread.state == sched::ThreadState::Running;
        ++live_threads;
        return true;
    });
    // The kernel process counts its threads by walking them: its thread_count says 1.
    out.thread_count = out.kernel ? live_threads : process.thread_count;
    if (process.state == ProcessState::Zombie)
        out.state = 'Z';
    else if (process.signals.stopped)
        out.state = 'T';
    else
        out.state = runnable ? 'R' : 'S';
    out.user_cpu_ns = user_ns;
    out.system_cpu_ns = cpu_ns - user_ns;
    out.start_ns = process.start_ns;
    if (process.memory && process.state != ProcessState::Zombie) {
        out.memory_bytes = process.memory->mapped_bytes();
        out.resident_bytes = process.memory->resident_bytes();
    }
    out.exit_code = process.state == ProcessState::Zombie ? process.wait_status : 0;
    describe_signals(process.signals, out);
    if (const tty::Terminal* terminal = controlling_terminal(process)) {
        out.terminal_device = terminal->device_number();
        uint32_t group = terminal->foreground_group();
        out.terminal_group = group != tty::NO_GROUP ? int32_t(group) : -1;
    }
    return out;
}

kstd::Optional<size_t> copy_command_line(uint32_t pid, kstd::Span<char> buffer)
{
    ksync::InterruptGuard guard;
    Process* process = find_process(pid);
    if (!process)
        return {};
    if (process == &kernel_process() || process->state == ProcessState::Zombie)
        return size_t(0);
    size_t length = process->command_line_length;
    if (length > sizeof(process->command_line))
        length = sizeof(process->command_line);
    if (length > buffer.size())
        length = buffer.size();
    __builtin_memcpy(buffer.data(), process->command_line, length);
    return length;
}

kstd::Optional<sched::ThreadInfo> find_process_thread_from(uint32_t pid, uint32_t id)
{
    ksync::InterruptGuard guard;
    Process* process = find_process(pid);
    if (!process)
        return {};
    kstd::Optional<sched::ThreadInfo> found;
    for_each_thread_of(*process, id, [&](const sched::ThreadInfo& thread) {
        found = thread;
        return false;
    });
    return found;
}

} // namespace proc
