// procfs: the kernel's state as files, mounted at /proc.
//
//     /proc/meminfo      Linux's first lines (MemTotal, MemFree, MemAvailable, ...), then
//                        frames and the kernel heap, "Key:   N kB" lines
//     /proc/uptime       seconds since boot and seconds idle, with two decimals
//     /proc/mounts       one line per mount: "source mountpoint type rw 0 0"
//     /proc/interrupts   per wired IRQ line: number, handler calls, device
//     /proc/loadavg      "0.00 0.01 0.05 1/42 123": load averages, runnable/all threads,
//                        the newest thread id
//     /proc/stat         CPU ticks (user, system, idle), interrupts, context switches,
//                        threads started, running (proc_statistics_files.cpp)
//     /proc/version      "Keel version RELEASE (keel@keel) (COMPILER) #1 Keel"
//     /proc/cpuinfo      the CPU as CPUID describes it, Linux's x86 layout
//     /proc/filesystems  "nodev\tramfs": the types mount(2) knows
//     /proc/self         a link to the caller's process folder ("42"; a kernel thread's is "1")
//     /proc/<pid>/       per process (zombies too), in Linux's layouts: stat, status,
//                        cmdline, maps (proc_process_files.cpp), and fd/, one link per
//                        open descriptor: "/tmp/x", "pipe:[42]" (proc_process_fds.cpp),
//                        and exe, a link to the program's file
//     /proc/<tid>/status per kernel thread that is not a process, by id: name, state,
//                        priority, CPU ticks
//
// What a process is, procfs asks of the ProcessSource core/proc registers
// (process_source.hpp); without one there are only the thread folders. The root lists the
// system files, self, then processes and threads in one increasing id order (a process and
// its thread of the same id once).
//
// Nothing is stored: every read() generates the file's whole text and keeps the part at the
// reader's offset, so a file read in pieces while the kernel changes may not join up
// exactly (as with Linux's seq_files). Sizes are 0, like Linux's. The thread directories
// appear and disappear with the threads (from spawn until join), a process's with the
// process (until it is reaped), and their dentries leave the cache once it is gone
// (Inode::still_valid).
//
// Everything is read-only. Writing or truncating a file is EACCES (what Linux tells anyone
// but root, who gets EIO from write); creating, linking, renaming or removing anything is
// EPERM (the VFS's default for a directory that does not do it). Reading the status of a
// thread that has gone, through a file opened before, is ESRCH as on Linux; looking the
// thread up anew is ENOENT.
#pragma once
#include <fs/superblock.hpp>

namespace fs {

class Vfs;

// A new procfs whose /proc/mounts lists the mounts of `vfs` (read under its lock, which
// every read of the file holds). Host tests use this with a Vfs of their own.
kstd::Result<Superblock*> make_procfs(Vfs& vfs);
// FileSystemType::mount for "proc": a procfs of the kernel's Vfs. The source means
// nothing to procfs; /proc/mounts shows it. procfs takes no options (EINVAL).
kstd::Result<Superblock*> mount_procfs(kstd::StringView source, kstd::StringView options = {});

} // namespace fs
