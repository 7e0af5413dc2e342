// The table of processes: the kernel process, pids, the process limit, and lookups.
//
// Processes come from the kernel object cache "process" and sit on one pid-ordered list
// (pids only grow, so appending keeps it sorted). The table and every parent/child link
// are changed with interrupts off.
#include <hal/timer.hpp>
#include <mm/kernel_object_cache.hpp>
#include <mm/user_memory.hpp>
#include <proc/process.hpp>
#include <proc/process_internal.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>

#include <new>

namespace proc {
namespace {

ProcessList g_processes;
size_t g_count = 0; // listed, and made but not yet listed

mm::ObjectCache& process_cache()
{
    return mm::kernel_object_cache<Process>("process");
}

Process& make_kernel_process()
{
    // Never destroyed: it lives as long as the kernel.
    alignas(Process) static unsigned char storage[sizeof(Process)];
    auto* kernel = new (storage) Process();
    kernel->pid = KERNEL_PID;
    kernel->process_group = KERNEL_PID;
    kernel->session = KERNEL_PID;
    kernel->name.write("kernel");
    kernel->thread_count = 1;
    g_processes.push_back(*kernel);
    ++g_count;
    return *kernel;
}

} // namespace

Process& kernel_process()
{
    static Process& kernel = make_kernel_process();
    return kernel;
}

Process* init_process()
{
    ksync::InterruptGuard guard;
    for (Process& process : g_processes)
        if (process.is_init)
            return process.state == ProcessState::Running ? &process : nullptr;
    return nullptr;
}

Process& process_of(const sched::Thread& thread)
{
    return thread.process ? *thread.process : kernel_process();
}

Process& current()
{
    return process_of(sched::current());
}

kstd::Result<Process*> create_process(Process& parent)
{
    ksync::InterruptGuard guard;
    kernel_process(); // the kernel process is always first on the list
    if (g_count >= PROCESS_LIMIT)
        return kstd::Errno::TryAgain;
    void* memory = process_cache().allocate();
    if (!memory)
        return kstd::Errno::OutOfMemory;
    ++g_count;
    auto* process = new (memory) Process();
    process->parent = &parent;
    process->process_group = parent.process_group;
    process->session = parent.session;
    process->left_terminal = parent.left_terminal;
    process->credentials = parent.credentials;
    process->start_ns = hal::clock_ns();
    parent.children.push_back(*process);
    return process;
}

void list_process(Process& process, uint32_t pid)
{
    ksync::InterruptGuard guard;
    process.pid = pid;
    // Thread ids only grow, so a new pid is almost always the highest; but another process
    // may have been listed since this one's thread was spawned.
    for (Process& listed : g_processes) {
        if (listed.pid > pid) {
            g_processes.insert_before(listed, process);
            return;
        }
    }
    g_processes.push_back(process);
}

void free_process(Process* process)
{
    ksync::InterruptGuard guard;
    VERIFY(process != &kernel_process() && process->children.is_empty() && process->thread_count == 0);
    if (process->parent)
        process->parent->children.remove(*process);
    if (process->table_node.is_linked())
        g_processes.remove(*process);
    --g_count;
    mm::destroy_in(process_cache(), process);
}

ProcessList& listed_processes()
{
    kernel_process(); // the kernel process is always first on the list
    return g_processes;
}

Process* find_process(uint32_t pid)
{
    ksync::InterruptGuard guard;
    for (Process& process : g_processes)
        if (process.pid == pid)
            return &process;
    return nullptr;
}

size_t process_count()
{
    ksync::InterruptGuard guard;
    kernel_process();
    return g_count;
}

kstd::Optional<uint32_t> session_of_group(uint32_t group)
{
    ksync::InterruptGuard guard;
    for (Process& process : g_processes)
        if (process.process_group == group)
            return process.session;
    return {};
}

kstd::Optional<ProcessInfo> find_process_from(uint32_t pid)
{
    ksync::InterruptGuard guard;
    kernel_process();
    for (Process& process : g_processes) {
        if (process.pid < pid)
            continue;
        ProcessInfo info {};
        info.pid = process.pid;
        info.parent_pid = process.parent ? process.parent->pid : 0;
        info.process_group = process.process_group;
        info.session = process.session;
        info.state = process.state;
        info.name = process.name;
        info.thread_count = process.thread_count;
        info.cpu_ns = process.ended_threads_cpu_ns;
        if (process.memory && !process.memory_borrowed) {
            info.memory_bytes = process.memory->mapped_bytes();
            info.resident_bytes = process.memory->resident_bytes();
        }
        return info;
    }
    return {};
}

} // namespace proc
