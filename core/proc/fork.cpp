// fork, vfork and clone (see fork.hpp).
#include <fs/context.hpp>
#include <log/log.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/user_memory.hpp>
#include <proc/fork.hpp>
#include <proc/signals.hpp>
#include <proc/user_copy.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>

namespace proc {
namespace {

using namespace clone_flags;

constexpr uint64_t KNOWN = EXIT_SIGNAL_MASK | VM | VFORK | PARENT_SETTID | CHILD_CLEARTID | CHILD_SETTID;

kstd::Result<void> check(uint64_t flags)
{
    if ((flags & EXIT_SIGNAL_MASK) > uint64_t(SIGNAL_COUNT))
        return kstd::Errno::InvalidArgument;
    if ((flags & ~KNOWN) != 0 || ((flags & VM) && !(flags & VFORK))) {
        klog::debug("clone: flags {:#x} ask for threads or namespaces, which Keel does not offer yet", flags);
        return kstd::Errno::InvalidArgument;
    }
    return {};
}

// The child's memory and files: copies of the parent's (or its memory itself, for vfork).
kstd::Result<void> copy_resources(Process& parent, Process& child, uint64_t flags)
{
    if (flags & VM) {
        child.memory = parent.memory;
        child.memory_borrowed = true;
    } else {
        child.memory = TRY(parent.memory->fork());
    }
    auto files = parent.files->fork();
    if (files.is_error()) {
        if (!child.memory_borrowed)
            mm::UserMemory::destroy(child.memory);
        child.memory = nullptr;
        return files.error();
    }
    child.files = files.value();
    return {};
}

void undo_resources(Process& child)
{
    if (child.memory && !child.memory_borrowed)
        mm::UserMemory::destroy(child.memory);
    child.memory = nullptr;
    mm::destroy(child.files);
    child.files = nullptr;
}

} // namespace

kstd::Result<uint32_t> clone_current(UserThread& caller, const CloneRequest& request)
{
    TRY(check(request.flags));
    Process& parent = *caller.process;
    Process* child = TRY(create_process(parent));
    child->name = parent.name;
    __builtin_memcpy(child->command_line, parent.command_line, parent.command_line_length);
    child->command_line_length = parent.command_line_length;
    child->exit_signal = int(request.flags & EXIT_SIGNAL_MASK);
    copy_signal_state_for_fork(parent.signals, child->signals);
    child->executable_path = parent.executable_path;
    if (auto copied = copy_resources(parent, *child, request.flags); copied.is_error()) {
        free_process(child);
        return copied.error();
    }

    UserThread start = caller;
    start.registers.rax = 0;
    if (request.stack)
        start.registers.rsp = request.stack;
    start.clear_child_tid = (request.flags & CHILD_CLEARTID) ? request.child_tid : 0;
    start.set_child_tid = (request.flags & CHILD_SETTID) ? request.child_tid : 0;
    bool vfork = request.flags & VFORK;
    child->vfork_parent_waiting = vfork;
    const sched::Thread& caller_thread = sched::current();
    auto pid = start_user_thread(*child, start, caller_thread.base_priority, caller_thread.wake_boost);
    if (pid.is_error()) {
        undo_resources(*child);
        free_process(child);
        return pid.error();
    }
    if (request.flags & PARENT_SETTID)
        (void)write_user<int32_t>(request.parent_tid, int32_t(pid.value()));
    if (vfork) {
        // Not interruptible: the child runs in this process's memory until it lets go.
        ksync::InterruptGuard guard;
        while (child->vfork_parent_waiting)
            child->vfork_done.wait();
    } else {
        // The child runs first, at the parent's level (its boost too: it does the work
        // the key that woke the parent asked for), until it blocks or uses up its slice.
        sched::yield();
    }
    return pid;
}

} // namespace proc
