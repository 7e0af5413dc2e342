// The end of a process: exit and exit_group, wait4, and reaping.
//
// A process that ends lets go of everything at once — its memory (after its thread has
// moved onto the kernel's tables), its files, its pending signals and timer, a vfork
// parent waiting on it, the controlling terminal of the session it leads (which hangs
// up: SIGHUP to the foreground group) — hangs up the process groups its end orphans
// while they have a stopped member (SIGHUP, SIGCONT), hands its children to init (or to
// the kernel process when there is no init), tells its parent (SIGCHLD), and stays a
// zombie holding only its wait status until its parent reaps it. The kernel process
// never waits for the orphans it adopts, so those are reaped as soon as they are zombies.
#include <hal/memory.hpp>
#include <mm/address_space.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/mm.hpp>
#include <mm/user_memory.hpp>
#include <fs/kernel_fs.hpp>
#include <proc/exit.hpp>
#include <proc/process_internal.hpp>
#include <proc/signals.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>
#include <tty/terminal.hpp>

namespace proc {
namespace {

// Moves the running thread onto the kernel's tables (so its process's can go).
void leave_user_tables(sched::Thread& thread)
{
    ksync::InterruptGuard guard;
    thread.page_table_root = 0;
    hal::mmu_activate(mm::kernel_address_space().page_table().root());
}

int child_code(int wait_status)
{
    if (killing_signal(wait_status) == 0)
        return signal_code::CHILD_EXITED;
    return dumped_core(wait_status) ? signal_code::CHILD_DUMPED : signal_code::CHILD_KILLED;
}

// SIGCHLD's si_status: the exit code, or the signal.
int child_status(int wait_status)
{
    int signal = killing_signal(wait_status);
    return signal == 0 ? exit_code(wait_status) : signal;
}

// The children of an ending process: init adopts them, and hears of those that are
// zombies already as of any child's end (SIGCHLD, whatever their exit signal was, as on
// Linux); without init the kernel process does, and reaps them itself.
void give_children_away(Process& process)
{
    Process* init = init_process();
    Process& adopter = init && init != &process ? *init : kernel_process();
    while (Process* child = process.children.pop_front()) {
        child->parent = &adopter;
        child->exit_signal = SIGCHLD;
        adopter.children.push_back(*child);
        if (&adopter != &kernel_process()) {
            if (child->state == ProcessState::Zombie)
                notify_parent(*child, child_code(child->wait_status), child_status(child->wait_status));
            continue;
        }
        child->reap_when_zombie = true;
        if (child->state == ProcessState::Zombie)
            free_process(child);
    }
}

// A stop or continue wait4 has yet to report, if `options` asks for it: its wait status.
kstd::Optional<int> unreported_change(Process& child, const WaitOptions& options)
{
    SignalState& state = child.signals;
    if (options.stopped && state.stop_unreported) {
        state.stop_unreported = false;
        return (state.stop_signal << 8) | 0x7f;
    }
    if (options.continued && state.continue_unreported) {
        state.continue_unreported = false;
        return 0xffff;
    }
    return {};
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
    if (process.pid == process.session)
        tty::hang_up_session(process.session);

    ksync::InterruptGuard guard; // until the switch away: the parent reaps only after it
    hang_up_groups_orphaned_by(process);
    give_children_away(process);
    process.state = ProcessState::Zombie;
    // After the state changes, so that nothing can queue a signal behind the release.
    release_signal_state(process.signals);
    process.wait_status = wait_status;
    process.thread_count = 0;
    process.thread = nullptr;
    process.ended_threads_cpu_ns += thread.cpu_ticks * 10'000'000;
    process.ended_threads_user_ns += thread.user_ticks * 10'000'000;
    thread.process = nullptr;
    // A parent that ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT) leaves its children no
    // zombies to wait for, as on Linux.
    const SignalAction& on_child = process.parent->signals.actions[SIGCHLD - 1];
    if (on_child.handler == HANDLER_IGNORE || (on_child.flags & action_flags::NO_CHILD_WAIT))
        process.reap_when_zombie = true;
    notify_parent(process, child_code(wait_status), child_status(wait_status));
    if (process.reap_when_zombie)
        free_process(&process);
    sched::exit(0);
}

int wait_for_kernel_child(uint32_t pid)
{
    int wait_status = 0;
    while (true) {
        auto waited = wait_for_child(kernel_process(), pid, {}, wait_status);
        if (!waited.is_error())
            return wait_status;
        VERIFY(waited.error().code() == kstd::Errno::Interrupted); // `pid` is the kernel's child
        sched::clear_interrupt();
    }
}

void terminate_current_process(int signal)
{
    exit_current_process(signal_wait_status(signal, dumps_core(signal)));
}

kstd::Result<uint32_t> wait_for_child(Process& parent, int64_t pid, const WaitOptions& options, int& wait_status)
{
    ksync::InterruptGuard guard;
    while (true) {
        bool any = false;
        for (Process& child : parent.children) {
            if (!matches(child, parent, pid))
                continue;
            any = true;
            if (child.state != ProcessState::Zombie) {
                if (auto change = unreported_change(child, options)) {
                    wait_status = change.value();
                    return child.pid;
                }
                continue;
            }
            uint32_t reaped = child.pid;
            wait_status = child.wait_status;
            parent.ended_threads_cpu_ns += child.ended_threads_cpu_ns;
            free_process(&child);
            return reaped;
        }
        if (!any)
            return kstd::Errno::NoChildProcesses;
        if (options.no_hang)
            return 0u;
        if (parent.child_events.wait_interruptible() == sched::WaitResult::Interrupted)
            return kstd::Errno::Interrupted;
    }
}

} // namespace proc
