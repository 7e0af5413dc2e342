// Creating processes: fork, vfork and the clone flags that fork and posix_spawn use.
#pragma once
#include <kstd/result.hpp>
#include <proc/user_thread.hpp>

namespace proc {

// Linux's clone flags that Keel knows (sched.h).
namespace clone_flags {
inline constexpr uint64_t EXIT_SIGNAL_MASK = 0xff;
inline constexpr uint64_t VM = 0x100;
inline constexpr uint64_t FS = 0x200;
inline constexpr uint64_t FILES = 0x400;
inline constexpr uint64_t SIGHAND = 0x800;
inline constexpr uint64_t VFORK = 0x4000;
inline constexpr uint64_t PARENT = 0x8000;
inline constexpr uint64_t THREAD = 0x10000;
inline constexpr uint64_t SETTLS = 0x80000;
inline constexpr uint64_t PARENT_SETTID = 0x100000;
inline constexpr uint64_t CHILD_CLEARTID = 0x200000;
inline constexpr uint64_t CHILD_SETTID = 0x1000000;
} // namespace clone_flags

struct CloneRequest {
    uint64_t flags = 0;          // clone_flags plus the exit signal (SIGCHLD, or 0)
    uintptr_t stack = 0;         // the child's stack pointer; 0 = the parent's
    uintptr_t parent_tid = 0;    // PARENT_SETTID: where the parent gets the child's pid
    uintptr_t child_tid = 0;     // CHILD_SETTID / CHILD_CLEARTID: in the child's memory
};

// A child of the calling thread's process, running a copy of it (copy-on-write memory and
// a copy of its descriptor table; with VM|VFORK, the parent's very memory, and the parent
// sleeps until the child execs or exits). The child sees 0 in rax and runs first: a
// shell's `cmd &` has set its job's signals up, or exec'd, before the shell reads its
// next line (on Linux another CPU, or the child's place in CFS, does much the same within
// milliseconds). Returns the child's pid. EAGAIN at the process limit, ENOMEM (nothing is
// left behind), EINVAL for flags Keel does not offer (threads: VM without VFORK, THREAD,
// SIGHAND, FS, FILES, SETTLS; an exit signal other than SIGCHLD or none).
kstd::Result<uint32_t> clone_current(UserThread& caller, const CloneRequest& request);

} // namespace proc
