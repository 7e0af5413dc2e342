// System calls about processes: creating, running, ending and waiting for them; their
// identity and groups; the per-thread settings libc makes at start (arch_prctl,
// set_tid_address, set_robust_list); resource limits. (kill is in signal_calls.cpp.)
#include <hal/user.hpp>
#include <proc/exec.hpp>
#include <proc/exit.hpp>
#include <proc/fork.hpp>
#include <proc/signals.hpp>
#include <proc/user_copy.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>
#include <syscall/exec_arguments.hpp>
#include <syscall/handler.hpp>
#include <syscall/limits.hpp>

namespace syscalls {
namespace {

using proc::Process;

Result clone_call(Call& call)
{
    proc::CloneRequest request {
        .flags = call.argument(0),
        .stack = call.argument(1),
        .parent_tid = call.argument(2),
        .child_tid = call.argument(3),
    };
    return int64_t(TRY(proc::clone_current(call.thread, request)));
}

Result fork_call(Call& call)
{
    return int64_t(TRY(proc::clone_current(call.thread, { .flags = proc::SIGCHLD })));
}

Result vfork_call(Call& call)
{
    using namespace proc::clone_flags;
    return int64_t(TRY(proc::clone_current(call.thread, { .flags = VM | VFORK | proc::SIGCHLD })));
}

Result execve_call(Call& call)
{
    ExecArguments arguments;
    TRY(arguments.copy_in(call.argument(0), call.argument(1), call.argument(2)));
    TRY(proc::exec_current(call.thread, arguments.program()));
    return 0;
}

// One thread per process for now, so exit ends the process as exit_group does.
Result exit_call(Call& call)
{
    proc::exit_current_process(proc::exit_wait_status(call.int_argument(0)));
}

Result exit_group_call(Call& call)
{
    proc::exit_current_process(proc::exit_wait_status(call.int_argument(0)));
}

// wait4's options (Linux's values): WNOHANG, WUNTRACED, WCONTINUED, and the __W flags for
// threads.
constexpr uint64_t WAIT_NO_HANG = 1, WAIT_UNTRACED = 2, WAIT_CONTINUED = 8;
constexpr uint64_t WAIT_KNOWN = 1 | 2 | 8 | 0x20000000 | 0x40000000 | 0x80000000;
constexpr size_t RUSAGE_SIZE = 144; // struct rusage on x86_64

Result wait4_call(Call& call)
{
    int64_t pid = call.int_argument(0);
    uintptr_t status_address = call.argument(1);
    uint64_t options = uint32_t(call.argument(2));
    uintptr_t usage_address = call.argument(3);
    if (options & ~WAIT_KNOWN || pid == INT32_MIN)
        return kstd::Errno::InvalidArgument;
    int status = 0;
    proc::WaitOptions wait_options { .no_hang = (options & WAIT_NO_HANG) != 0,
                                     .stopped = (options & WAIT_UNTRACED) != 0,
                                     .continued = (options & WAIT_CONTINUED) != 0 };
    uint32_t reaped = TRY(proc::wait_for_child(call.process(), pid, wait_options, status));
    if (reaped != 0 && status_address)
        TRY(proc::write_user<int32_t>(status_address, status));
    if (usage_address) {
        uint8_t zeros[RUSAGE_SIZE] = {};
        TRY(proc::copy_to_user(usage_address, zeros, sizeof zeros));
    }
    return int64_t(reaped);
}

Result getpid_call(Call& call) { return int64_t(call.process().pid); }
// One thread per process: its id is the pid.
Result gettid_call(Call& call) { return int64_t(call.process().pid); }
Result getppid_call(Call& call)
{
    ksync::InterruptGuard guard;
    return int64_t(call.process().parent ? call.process().parent->pid : 0);
}
Result getuid_call(Call& call) { return int64_t(call.process().credentials.uid); }
Result geteuid_call(Call& call) { return int64_t(call.process().credentials.effective_uid); }
Result getgid_call(Call& call) { return int64_t(call.process().credentials.gid); }
Result getegid_call(Call& call) { return int64_t(call.process().credentials.effective_gid); }

// The process `pid` names for the group calls: 0 is the caller.
kstd::Result<Process*> target(Call& call, int64_t pid)
{
    if (pid < 0)
        return kstd::Errno::InvalidArgument;
    if (pid == 0)
        return &call.process();
    Process* process = proc::find_process(uint32_t(pid));
    if (!process || process->state != proc::ProcessState::Running)
        return kstd::Errno::NoSuchProcess;
    return process;
}

// setpgid as Linux: the caller or one of its children (not yet exec'd: Keel does not
// track that), in the caller's session; a session leader cannot move; the group must be
// the process's own pid or an existing group of the session.
Result setpgid_call(Call& call)
{
    int64_t group = call.int_argument(1);
    if (group < 0)
        return kstd::Errno::InvalidArgument;
    ksync::InterruptGuard guard;
    Process* process = TRY(target(call, call.int_argument(0)));
    Process& caller = call.process();
    if (process != &caller && process->parent != &caller)
        return kstd::Errno::NoSuchProcess;
    if (process->session != caller.session || process->session == process->pid)
        return kstd::Errno::NotPermitted;
    uint32_t new_group = group == 0 ? process->pid : uint32_t(group);
    if (new_group != process->pid) {
        kstd::Optional<uint32_t> session = proc::session_of_group(new_group);
        if (!session || session.value() != caller.session)
            return kstd::Errno::NotPermitted;
    }
    process->process_group = new_group;
    return 0;
}

Result getpgid_call(Call& call)
{
    return int64_t(TRY(target(call, call.int_argument(0)))->process_group);
}

Result getpgrp_call(Call& call) { return int64_t(call.process().process_group); }

Result setsid_call(Call& call)
{
    Process& process = call.process();
    ksync::InterruptGuard guard;
    if (process.process_group == process.pid)
        return kstd::Errno::NotPermitted;
    process.session = process.process_group = process.pid;
    process.left_terminal = false; // a new session has no terminal to leave
    return int64_t(process.pid);
}

Result getsid_call(Call& call)
{
    return int64_t(TRY(target(call, call.int_argument(0)))->session);
}

// arch_prctl's codes (asm/prctl.h).
constexpr int ARCH_SET_GS = 0x1001;
constexpr int ARCH_SET_FS = 0x1002;
constexpr int ARCH_GET_FS = 0x1003;
constexpr int ARCH_GET_GS = 0x1004;

Result arch_prctl_call(Call& call)
{
    hal::UserRegisters& registers = call.thread.registers;
    uint64_t address = call.argument(1);
    switch (call.int_argument(0)) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (address >= hal::user_address_end())
            return kstd::Errno::NotPermitted;
        (call.int_argument(0) == ARCH_SET_FS ? registers.fs_base : registers.gs_base) = address;
        return 0;
    case ARCH_GET_FS:
        TRY(proc::write_user<uint64_t>(address, registers.fs_base));
        return 0;
    case ARCH_GET_GS:
        TRY(proc::write_user<uint64_t>(address, registers.gs_base));
        return 0;
    default:
        return kstd::Errno::InvalidArgument;
    }
}

Result set_tid_address_call(Call& call)
{
    call.thread.clear_child_tid = call.argument(0);
    return int64_t(call.process().pid);
}

// The robust-futex list only matters to a thread that dies holding a futex, and Keel has
// neither threads nor futexes yet; the size is checked as Linux does.
constexpr size_t ROBUST_LIST_HEAD_SIZE = 24;

Result set_robust_list_call(Call& call)
{
    if (call.argument(1) != ROBUST_LIST_HEAD_SIZE)
        return kstd::Errno::InvalidArgument;
    return 0;
}

Result sched_yield_call(Call&)
{
    sched::yield();
    return 0;
}

Result getrlimit_call(Call& call)
{
    ResourceLimit limit = TRY(resource_limit(call.int_argument(0)));
    TRY(proc::write_user(call.argument(1), limit));
    return 0;
}

// prlimit64(pid, resource, new, old): Keel's limits are fixed, so a new one is EPERM.
Result prlimit64_call(Call& call)
{
    int64_t pid = call.int_argument(0);
    if (pid != 0 && pid != call.process().pid)
        return proc::find_process(uint32_t(pid)) ? kstd::Errno::NotPermitted : kstd::Errno::NoSuchProcess;
    ResourceLimit limit = TRY(resource_limit(call.int_argument(1)));
    if (call.argument(2)) {
        TRY(proc::read_user<ResourceLimit>(call.argument(2))); // EFAULT first, as Linux
        return kstd::Errno::NotPermitted;
    }
    if (call.argument(3))
        TRY(proc::write_user(call.argument(3), limit));
    return 0;
}

} // namespace

void register_process_calls(Entry* table)
{
    ADD_CALL(table, clone);
    ADD_CALL(table, fork);
    ADD_CALL(table, vfork);
    ADD_CALL(table, execve);
    ADD_CALL(table, exit);
    ADD_CALL(table, exit_group);
    ADD_CALL(table, wait4);
    ADD_CALL(table, getpid);
    ADD_CALL(table, gettid);
    ADD_CALL(table, getppid);
    ADD_CALL(table, getuid);
    ADD_CALL(table, geteuid);
    ADD_CALL(table, getgid);
    ADD_CALL(table, getegid);
    ADD_CALL(table, setpgid);
    ADD_CALL(table, getpgid);
    ADD_CALL(table, getpgrp);
    ADD_CALL(table, setsid);
    ADD_CALL(table, getsid);
    ADD_CALL(table, arch_prctl);
    ADD_CALL(table, set_tid_address);
    ADD_CALL(table, set_robust_list);
    ADD_CALL(table, sched_yield);
    ADD_CALL(table, getrlimit);
    ADD_CALL(table, prlimit64);
}

} // namespace syscalls
