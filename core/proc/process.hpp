// Processes (core/proc): start reading here.
//
// A Process is what a Linux program runs in: a pid, a parent and children, an address
// space (mm::UserMemory), a file system context (fs::Context: descriptors, current
// directory, umask), credentials, a name and command line, and, once it has ended, an
// exit status kept as a zombie until its parent collects it with wait4. Its threads are
// kernel threads (sched::Thread) that point at it and run user mode in a loop
// (user_thread.hpp); a thread owns only what is a thread's (registers, FPU state, its
// kernel stack).
//
// Every kernel thread belongs to the kernel process, pid 0 as Linux's swapper: the pid
// of the boot thread. The first user program the kernel starts, init, is pid 1 (init/
// first_task_shell.cpp): it adopts the orphans and waits for them, and signals it has no
// handler for do not reach it. When there is no init (init=kshell), the boot thread
// becomes the kernel shell and the kernel process plays init's part: programs the shell
// starts are its children, orphans are reparented to it, and the zombies it will never
// wait for (the orphans') are reaped as soon as they exit. Pids are thread ids (a
// process's pid is its first thread's id, as Linux's tgid), so a pid is never reused
// while Keel runs.
//
// The map of the folder: process_table.cpp (pids, the limit, parents and children),
// user_thread.cpp (the loop that runs user mode and handles its exits), exec.cpp,
// image_loader.cpp, elf.hpp and initial_stack.hpp (execve), fork.cpp (fork, vfork,
// clone), exit.cpp (exit, wait4), signals.hpp (signals, job control, alarm),
// user_copy.hpp (reaching user memory from system calls), proc_files.cpp (what procfs
// and ps see of processes).
//
// Locking is "interrupts off" for the table and the links between processes (one CPU);
// a process's memory and files are touched only by its own threads, or by its parent
// while it cannot run (fork, a vfork child).
#pragma once
#include <kstd/fixed_string.hpp>
#include <kstd/intrusive_list.hpp>
#include <kstd/optional.hpp>
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <proc/signals.hpp>
#include <sched/thread.hpp>
#include <sched/wait_queue.hpp>

namespace mm {
class UserMemory;
}
namespace fs {
class Context;
}

namespace proc {

inline constexpr uint32_t KERNEL_PID = 0;
inline constexpr uint32_t INIT_PID = sched::RESERVED_THREAD_ID;
// How many processes may exist at once (zombies included), the kernel's included; fork
// beyond it is EAGAIN, as Linux's RLIMIT_NPROC.
inline constexpr size_t PROCESS_LIMIT = 256;
// The bytes of the command line kept for /proc/<pid>/cmdline and ps.
inline constexpr size_t COMMAND_LINE_KEPT = 256;

struct Credentials {
    uint32_t uid = 0, effective_uid = 0, saved_uid = 0;
    uint32_t gid = 0, effective_gid = 0, saved_gid = 0;

    // Root, who may do what Linux asks a capability for (CAP_SYS_ADMIN, CAP_SYS_BOOT,
    // CAP_SYSLOG...): Keel has no capabilities apart.
    bool is_privileged() const { return effective_uid == 0; }
};

enum class ProcessState : uint8_t { Running, Zombie };

struct Process {
    uint32_t pid = 0;
    uint32_t process_group = 0;
    uint32_t session = 0;
    // Gave its session's controlling terminal up (TIOCNOTTY by a process that does not lead
    // the session): it has none, though its session keeps one. fork passes it on.
    bool left_terminal = false;
    Process* parent = nullptr;
    ProcessState state = ProcessState::Running;
    // Linux's wait status: (code & 0xff) << 8 for an exit, the signal number for a kill.
    int wait_status = 0;
    kstd::FixedString<15> name;             // the program's name (comm)
    char command_line[COMMAND_LINE_KEPT] {}; // argv, NUL-separated, cut to fit
    size_t command_line_length = 0;
    kstd::FixedString<255> executable_path;  // its program's file (/proc/<pid>/exe)
    Credentials credentials;

    mm::UserMemory* memory = nullptr;  // nullptr for the kernel process
    bool memory_borrowed = false;      // a vfork child's: the parent's, not to be freed
    fs::Context* files = nullptr;      // owned; nullptr for the kernel process (its
                                       // threads have their own)
    size_t thread_count = 0;           // live threads
    sched::Thread* thread = nullptr;   // its (one) thread while it runs
    int exit_signal = SIGCHLD;         // what its parent gets when it ends (clone's low byte)
    SignalState signals;
    bool reap_when_zombie = false;     // an orphan: nobody will wait for it
    bool is_init = false;              // pid 1 (INIT_PID), once its thread starts
    bool vfork_parent_waiting = false; // its parent sleeps until it execs or exits
    uint64_t start_ns = 0;
    uint64_t ended_threads_cpu_ns = 0;
    uint64_t ended_threads_user_ns = 0; // the part of it spent in user mode

    sched::WaitQueue child_events;     // its threads in wait4 (a child changed state)
    sched::WaitQueue vfork_done;       // its parent, while it is a vfork child

    kstd::IntrusiveListNode sibling_node;   // on its parent's list of children
    kstd::IntrusiveListNode table_node;     // on the list of all processes
    kstd::IntrusiveList<Process, &Process::sibling_node> children;
};

// The kernel process (pid 0), which every thread without a process of its own belongs to.
Process& kernel_process();
// init while it runs (a Running process with pid 1), else nullptr.
Process* init_process();
// The running thread's process.
Process& current();
Process& process_of(const sched::Thread& thread);

// A new, empty Running process (no memory, no files, no thread, no pid yet) whose parent
// is `parent`. EAGAIN at PROCESS_LIMIT, ENOMEM. It gets its pid, and its place in the
// table, when its first thread starts (user_thread.hpp).
kstd::Result<Process*> create_process(Process& parent);
// Frees a process that never ran (an exec or fork that failed half way) or that has been
// reaped: it must have no thread and no children left.
void free_process(Process* process);
// The process with this pid, zombies included.
Process* find_process(uint32_t pid);
size_t process_count();
// The sequence of processes for ps and /proc, one at a time: the process with the lowest
// pid at or above `pid`.
struct ProcessInfo {
    uint32_t pid, parent_pid, process_group, session;
    ProcessState state;
    kstd::FixedString<15> name;
    size_t thread_count;
    uint64_t cpu_ns;
    uint64_t memory_bytes, resident_bytes;
};
kstd::Optional<ProcessInfo> find_process_from(uint32_t pid);
// The session of process group `group` (its members all share one), or nothing when no
// process (zombies included, as Linux counts them) is in it: setpgid may move a process
// into a group of its own session, tcsetpgrp make one the foreground.
kstd::Optional<uint32_t> session_of_group(uint32_t group);

} // namespace proc
