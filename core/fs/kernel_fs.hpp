// The kernel's file system: one Vfs, set up at boot, and a Context per kernel thread.
//
// fs::init() (called by kernel_main once the scheduler and the heap are up) mounts a ramfs
// as "/", unpacks the initramfs the boot loader or the sim handed over into it (a missing
// or broken archive is logged and the boot goes on with an empty root), and mounts procfs
// on /proc and devfs on /dev, creating those directories if the archive had none. It
// registers the file system types `mount -t` knows: ramfs, proc, devfs.
//
// fs::current() is the calling thread's Context, made the first time the thread asks (its
// current directory starts at "/"); it goes when the thread ends.
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

} // namespace fs
