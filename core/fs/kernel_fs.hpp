// The kernel's file system: one Vfs, set up at boot, and a Context per kernel thread.
//
// fs::init() (called by kernel_main once the scheduler and the heap are up) mounts a ramfs
// as "/", unpacks the initramfs the boot loader or the sim handed over into it (a missing
// or broken archive is logged and the boot goes on with an empty root), and mounts procfs
// on /proc and devfs on /dev, creating those directories if the archive had none. It
// registers the file system types `mount -t` knows: ramfs, proc, devfs.
//
// fs::current() is the calling thread's Context. A kernel thread's own is made the first
// time it asks (its current directory starts at "/") and goes when the thread ends. A
// process's threads use the process's instead: the process layer, which owns it, hands
// it over with set_thread_context(), and the thread's end leaves it alone.
#pragma once
#include <fs/context.hpp>

namespace sched {
struct Thread;
}

namespace fs {

void init();
bool is_initialized();
Vfs& kernel_vfs();
// The running thread's context; ENOMEM if there is no memory to make it.
kstd::Result<Context*> current();
// Makes `context` what current() answers on `thread` (the running thread, or one that has
// not started yet). The caller keeps owning it and must keep it alive while the thread
// may use it; it is not freed when the thread ends. A context fs made for the thread
// before is freed. nullptr detaches: the thread gets one of its own on its next use.
void set_thread_context(sched::Thread& thread, Context* context);

} // namespace fs
