// The end of a process: exit and exit_group, wait4, and reaping.
//
// A process that ends lets go of everything at once — its memory (after its thread has
// moved onto the kernel's tables), its files, a vfork parent waiting on it — hands its
// children to the kernel process, and stays a zombie holding only its wait status until
// its parent reaps it. The kernel process never waits for the orphans it adopts, so
// those are reaped as soon as they are zombies, as init does.
#include <hal/memory.hpp>
#include <mm/address_space.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/mm.hpp>
#include <mm/user_memory.hpp>
#include <fs/kernel_fs.hpp>
#include <proc/exit.hpp>
#include <proc/process_internal.hpp>
#include <proc/signals.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>

namespace proc {
namespace {

// Moves the running thread onto the kernel's tables (so its process's can go).
void leave_user_tables(sched::Thread& thread)
{
    ksync::InterruptGuard guard;
    thread.page_table_root = 0;
    hal::mmu_activate(mm::kernel_address_space().page_table().root());
}

void give_children_to_kernel(Process& process)
{
    Process& kernel = kernel_process();
    while (Process* child = process.children.pop_front()) {
        child->parent = &kernel;
        child->reap_when_zombie = true;
        kernel.children.push_back(*child);
        if (child->state == ProcessState::Zombie)
            free_process(child);
    }
}

bool matches(const Process& child, const Process& parent, int64_t pid)
{
    if (pid > 0)
        return child.pid == uint64_t(pid);
    if (pid == -1)
        return true;
    if (pid == 0)
        return child.process_group == parent.process_group;
    return child.process_group == uint64_t(-pid);
}

} // namespace

void release_memory_of_current()
{
    sched::Thread& thread = sched::current();
    Process& process = *thread.process;
    leave_user_tables(thread);
    mm::UserMemory* memory = process.memory;
    process.memory = nullptr;
    if (memory && !process.memory_borrowed)
        mm::UserMemory::destroy(memory);
    process.memory_borrowed = false;
    ksync::InterruptGuard guard;
    if (process.vfork_parent_waiting) {
        process.vfork_parent_waiting = false;
        process.vfork_done.wake_all();
    }
}

void exit_current_process(int wait_status)
{
    sched::Thread& thread = sched::current();
    Process& process = *thread.process;
    release_memory_of_current();
    fs::Context* files = process.files;
    process.files = nullptr;
    fs::set_thread_context(thread, nullptr);
    mm::destroy(files);

    ksync::InterruptGuard guard; // until the switch away: the parent reaps only after it
    give_children_to_kernel(process);
    process.state = ProcessState::Zombie;
    process.wait_status = wait_status;
    process.thread_count = 0;
    process.thread = nullptr;
    process.ended_threads_cpu_ns += thread.cpu_ticks * 10'000'000;
    process.ended_threads_user_ns += thread.user_ticks * 10'000'000;
    thread.process = nullptr;
    if (process.reap_when_zombie)
        free_process(&process);
    else
        process.parent->child_events.wake_all();
    sched::exit(0);
}

void terminate_current_process(int signal)
{
    exit_current_process(signal_wait_status(signal, dumps_core(signal)));
}

kstd::Result<uint32_t> wait_for_child(Process& parent, int64_t pid, bool no_hang, int& wait_status)
{
    ksync::InterruptGuard guard;
    while (true) {
        bool any = false;
        for (Process& child : parent.children) {
            if (!matches(child, parent, pid))
                continue;
            any = true;
            if (child.state != ProcessState::Zombie)
                continue;
            uint32_t reaped = child.pid;
            wait_status = child.wait_status;
            parent.ended_threads_cpu_ns += child.ended_threads_cpu_ns;
            free_process(&child);
            return reaped;
        }
        if (!any)
            return kstd::Errno::NoChildProcesses;
        if (no_hang)
            return 0u;
        if (parent.child_events.wait_interruptible() == sched::WaitResult::Interrupted)
            return kstd::Errno::Interrupted;
    }
}

} // namespace proc
