// User threads: kernel threads that run a process's program in user mode.
//
// A user thread lives in a loop (user_thread.cpp): hal::run_user() runs the program until
// it makes a system call, faults or is interrupted; the thread then handles that exit in
// ordinary kernel context, where it may block, and goes back. Its UserThread (registers,
// FPU state) lives on its kernel stack for as long as the loop runs, like Linux's pt_regs.
//
//     exit            what the loop does
//     Syscall         the system call handler (core/syscall registers it) sets rax
//     PageFault       the process's memory resolves it, or the process gets SIGSEGV
//                     (SEGV_MAPERR, SEGV_ACCERR) or SIGBUS (a file that cannot be read);
//                     killed when out of memory
//     Fault           the process gets the signal the HAL named (SIGFPE, SIGILL...)
//     Interrupt       nothing: the HAL has run the interrupt
// A fault's signal cannot be blocked or ignored away (signals.hpp: force_signal); when no
// handler catches it, the log says why the process died ("segfault at ADDR ip RIP", at
// debug level: in dmesg, not on the console, as Linux's default console level hides it).
// After each exit the thread gives way to a higher-priority thread, then acts on its
// pending signals (signal_delivery.hpp) before it goes back to user mode.
#pragma once
#include <hal/user.hpp>
#include <proc/process.hpp>

namespace proc {

struct UserThread {
    hal::UserRegisters registers {};
    hal::UserFpuState fpu {};
    Process* process = nullptr;
    uintptr_t clear_child_tid = 0; // set_tid_address / CLONE_CHILD_CLEARTID
    uintptr_t set_child_tid = 0;   // CLONE_CHILD_SETTID: where the new thread writes its id
    // A relative nanosleep cut short by a signal without a handler goes on through
    // restart_syscall to the same deadline (Linux's restart block).
    struct SleepRestart {
        bool armed = false;
        uint64_t deadline_ns = 0;
        uintptr_t remaining = 0; // where to write the time left, or 0
    } sleep_restart;
};

// The system call handler: reads the call from registers (orig_rax and the arguments)
// and stores the result in rax. Registered once at boot by core/syscall.
using SyscallHandler = void (*)(UserThread& thread);
void set_syscall_handler(SyscallHandler handler);

// Starts the first thread of `process` (which has its memory and files) at `priority`
// (at most sched::HIGHEST_USER_PRIORITY), boosted to `wake_boost` while that lasts (see
// sched::SpawnOptions): it enters user mode with `start`'s registers and FPU state. The
// process gets the thread's id as its pid and joins the table. ENOMEM, with nothing
// started.
kstd::Result<uint32_t> start_user_thread(Process& process, const UserThread& start, unsigned priority,
                                         unsigned wake_boost = 0);

} // namespace proc
