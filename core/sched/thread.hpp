// Kernel threads: a name, a priority, a kernel stack with a guard page, and a saved context.
//
//     Thread* worker = TRY(sched::spawn("worker", run_worker, &state));
//     ...
//     int status = sched::join(worker);   // waits for it to end and frees it
//
// A thread starts in entry(argument) with interrupts enabled and ends by returning from it
// or by calling sched::exit(status). Every thread must be joined exactly once, unless it
// was spawned detached, in which case the scheduler frees it when it ends. Threads are
// listed for `ps` from the moment they are spawned until they are freed.
//
// kill(): a thread spawned as killable ends (status KILLED_STATUS) the next time the
// scheduler would run it, which is soon: it moves to the top priority, and a blocked one
// is woken for that; it never returns from the
// wait or preemption it was in. So a killable thread must not hold anything others need
// (a lock, a thread it would join, memory only it frees) across a point where it can block
// or be preempted: the shell's demo threads and the like are killable, threads with locks
// or duties are not.
//
// join() is for exactly one thread, once; the pointer spawn() gives for a detached thread
// may be used only while that thread cannot have ended (a lower-priority one, say).
#pragma once
#include <hal/context.hpp>
#include <kstd/fixed_string.hpp>
#include <kstd/intrusive_list.hpp>
#include <kstd/optional.hpp>
#include <kstd/result.hpp>
#include <mm/kernel_stack.hpp>
#include <sched/run_queue.hpp>
#include <sched/wait_queue.hpp>
#include <time/timer_queue.hpp>

namespace fs {
class Context;
}
namespace proc {
struct Process;
}

namespace sched {

enum class ThreadState : uint8_t { Ready, Running, Blocked, Exited };
kstd::StringView thread_state_name(ThreadState state);

using ThreadEntry = void (*)(void* argument);
inline constexpr int KILLED_STATUS = -9;
// Thread ids only grow: the boot thread's is 0 (Linux's pid 0), the others count from 2,
// and 1 is kept for the one thread that asks for it, init's (whose process is pid 1).
inline constexpr uint32_t RESERVED_THREAD_ID = 1;

struct SpawnOptions {
    unsigned priority = DEFAULT_PRIORITY;
    // A level above `priority` to start at, as if woken by a key (see boost_on_wake): a
    // forked child shares the boost of the parent whose work it continues. 0: none.
    unsigned wake_boost = 0;
    bool killable = false;
    bool detached = false;
    size_t stack_size = mm::KernelStack::DEFAULT_SIZE;
    // A user thread's process and tables (see Thread); none for a kernel thread.
    proc::Process* process = nullptr;
    uint64_t page_table_root = 0;
    // Take RESERVED_THREAD_ID, which only one thread ever gets.
    bool takes_reserved_id = false;
};

struct Thread : Schedulable {
    uint32_t id = 0;
    kstd::FixedString<23> name;
    ThreadState state = ThreadState::Ready;
    hal::Context context {};
    mm::KernelStack stack; // empty for the boot thread, which runs on the boot stack
    ThreadEntry entry = nullptr;
    void* argument = nullptr;
    bool killable = false;
    bool detached = false;
    bool kill_requested = false;
    int exit_status = 0;
    uint64_t cpu_ticks = 0;         // ticks during which it was the running thread
    uint64_t user_ticks = 0;        // of those, ticks that found it in user mode
    bool in_user_mode = false;      // inside hal::run_user (set by core/proc)
    uint32_t slice_ticks_left = 0;  // of its current time slice
    uint8_t wake_boost = 0;         // the level input woke it to, while above its base

    Waiter waiter;                   // its place on the queue it is blocked on
    WaitQueue* waiting_on = nullptr; // that queue, if any
    WaitResult wait_result = WaitResult::Woken;
    WaitTimer wait_timer;            // the deadline of a wait with a timeout
    bool interruptible = false;      // its wait ends early on an interrupt (interrupt.hpp)
    bool interrupt_pending = false;  // interrupted, and not yet cleared
    WaitQueue joiners;               // threads in join() on this one

    kstd::IntrusiveListNode all_threads_node; // on the list `ps` walks
    fs::Context* files = nullptr;             // its file system context (fs::current())
    bool owns_files = false;                  // files was made for it and goes with it

    // The tables it runs on: 0 for the kernel's, else a process's user address space
    // (the scheduler activates them on each switch); and the process it belongs to
    // (nullptr: the kernel's).
    uint64_t page_table_root = 0;
    proc::Process* process = nullptr;
};

// A new thread, ready to run. EINVAL for a bad priority or stack size, ENOMEM when there
// is no memory for the thread or its stack.
kstd::Result<Thread*> spawn(kstd::StringView name, ThreadEntry entry, void* argument, SpawnOptions options = {});
// Ends the running thread.
[[noreturn]] void exit(int status);
// Waits until `thread` (not detached, not the caller) has ended, frees it, and returns its
// status.
int join(Thread* thread);
// Asks a killable thread to end; EPERM when it is not killable, ESRCH when no thread has
// that id.
kstd::Result<void> kill(uint32_t id);
// Changes a thread's base priority; ESRCH, EINVAL, or EPERM for the idle thread.
kstd::Result<void> set_priority(uint32_t id, unsigned priority);
// The same on a user's behalf (the shell's nice): EACCES above HIGHEST_USER_PRIORITY, the
// kernel's levels, as Linux refuses an unprivileged nice value below its RLIMIT_NICE floor.
kstd::Result<void> set_priority_for_user(uint32_t id, unsigned priority);

struct ThreadInfo {
    uint32_t id;
    kstd::FixedString<23> name;
    unsigned base_priority;
    ThreadState state;
    uint64_t cpu_time_ns;
    uint64_t user_time_ns; // the part of cpu_time_ns spent in user mode
    bool killable;
    // The process it belongs to (nullptr: the kernel's). Only to compare with a process
    // the caller holds on to (proc/proc_files.cpp, with interrupts off).
    const proc::Process* process;
};
// The details of the thread with the lowest id at or above `id` (for ps and /proc, which
// list threads one at a time); nothing when there is none.
kstd::Optional<ThreadInfo> find_thread_from(uint32_t id);
size_t thread_count();
// The highest id a thread got so far (Linux's last pid, /proc/loadavg's last field); also
// about how many threads have been spawned since boot, since ids only grow.
uint32_t last_thread_id();

// Called with each thread as it is freed, before its stack goes, so that a subsystem above
// the scheduler lets go of what it keeps for the thread (fs: its open files). One hook,
// registered once at boot; interrupts may be on.
using ThreadReleaseHook = void (*)(Thread& thread);
void set_thread_release_hook(ThreadReleaseHook hook);

} // namespace sched
