// What procfs and ps see of processes: core/proc's side of fs::ProcessSource
// (fs/procfs/process_source.hpp), and the threads of a process one at a time.
//
//     fs::init();
//     proc::register_procfs_source();   // /proc/<pid>/..., /proc/self
//
// Everything is gathered with interrupts off (the table's protection, one CPU) into plain
// copies, so the caller formats and prints with nothing held.
#pragma once
#include <fs/procfs/process_source.hpp>
#include <kstd/optional.hpp>
#include <kstd/span.hpp>
#include <sched/thread.hpp>

namespace proc {

// Registers the process source with procfs. Once at boot, after fs::init().
void register_procfs_source();

// A copy of what /proc/<pid>/stat and status show of the process with this pid (zombies
// included): its state letter is Z for a zombie, else R when one of its threads is ready
// or running, else S; its CPU time counts its ended threads and its live ones.
kstd::Optional<fs::ProcProcess> describe_process(uint32_t pid);
// Copies the command line (NUL-separated, as /proc/<pid>/cmdline) into `buffer` and
// returns how many bytes; nothing when there is no such process. Empty for the kernel
// process and zombies.
kstd::Optional<size_t> copy_command_line(uint32_t pid, kstd::Span<char> buffer);
// The thread of process `pid` with the lowest id at or above `id` (the kernel process's
// are the kernel threads); nothing when there is none.
kstd::Optional<sched::ThreadInfo> find_process_thread_from(uint32_t pid, uint32_t id);

} // namespace proc
