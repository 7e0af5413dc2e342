// Ending processes and collecting them (exit.cpp; see process.hpp).
#pragma once
#include <proc/process.hpp>

namespace proc {

// Linux's wait status for a normal exit with `code`, and for death by `signal`.
constexpr int exit_wait_status(int code) { return (code & 0xff) << 8; }
constexpr int signal_wait_status(int signal, bool core_dumped) { return signal | (core_dumped ? 0x80 : 0); }
// An ended process's wait status read back, as WIFSIGNALED/WTERMSIG, WEXITSTATUS and
// WCOREDUMP do: the signal that killed it (0 if it exited), its exit code, whether it
// dumped core.
constexpr int killing_signal(int wait_status) { return wait_status & 0x7f; }
constexpr int exit_code(int wait_status) { return (wait_status >> 8) & 0xff; }
constexpr bool dumped_core(int wait_status) { return wait_status & 0x80; }

// Ends the running thread's process (exit_group) with a wait status.
[[noreturn]] void exit_current_process(int wait_status);
// Ends it as death by `signal` does (its wait status says so, "core dumped" included).
[[noreturn]] void terminate_current_process(int signal);

// wait4's options: WNOHANG, WUNTRACED, WCONTINUED.
struct WaitOptions {
    bool no_hang = false;
    bool stopped = false;   // report a child's stop (once): status (signal << 8) | 0x7f
    bool continued = false; // report a stopped child's continue (once): status 0xffff
};

// wait4's search, by the rules of Linux: `pid` > 0 that child, -1 any child, 0 any child in
// the parent's process group, < -1 any child in group -pid. Reaps a zombie that matches
// and returns its pid with its wait status, or reports a stop or continue it was asked
// for; 0 when `no_hang` and nothing has happened yet. ECHILD when no child matches at
// all; EINTR when the wait was interrupted.
kstd::Result<uint32_t> wait_for_child(Process& parent, int64_t pid, const WaitOptions& options, int& wait_status);
// For a kernel thread: waits until the kernel process's child `pid` has ended and reaps
// it; its wait status. The kernel process takes no signals, so nothing interrupts it.
int wait_for_kernel_child(uint32_t pid);

// exec and exit: the running thread moves to the kernel's tables and its process lets go
// of its memory (a vfork child's borrowed memory is only forgotten); a parent waiting in
// vfork wakes up.
void release_memory_of_current();

} // namespace proc
