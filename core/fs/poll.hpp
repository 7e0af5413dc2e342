// Readiness: what poll() and select() ask of an open file, and how a poller waits for it.
//
// Every inode answers Inode::poll_events(open_flags) with Linux's poll bits for a
// description opened with those flags (the default, for files, directories and devices
// that never wait: readable and writable at once, Linux's DEFAULT_POLLMASK). A pipe
// answers from its state; the console from its line discipline.
//
// Waiting for a change. A poller watches N objects at once, but a thread waits on one
// WaitQueue at a time, so Keel does not hang a waiter on each object (Linux's poll_table
// entries). Instead there is one kernel-wide change counter and one WaitQueue: each change
// that can make a pollable object ready (a pipe's bytes or room, a reader or writer gone,
// a key typed) calls notify_poll_waiters(), which bumps the counter and wakes every
// poller; a woken poller checks its objects again. A poller reads the counter before it
// checks (poll_generation) and sleeps only if the counter has not moved since
// (wait_for_poll_change, with interrupts off), so no change can slip in between. The cost
// is a counter increment and a look at an empty queue per change when nobody polls, and
// spurious wake-ups of unrelated pollers when several poll at once: cheap for a kernel
// with one CPU and a handful of processes, and correct by construction.
#pragma once
#include <sched/wait_queue.hpp>
#include <stdint.h>

namespace fs {

// Linux's poll bits (asm-generic/poll.h).
namespace poll_bits {
inline constexpr uint32_t IN = 0x001; // POLLIN
inline constexpr uint32_t PRIORITY = 0x002; // POLLPRI
inline constexpr uint32_t OUT = 0x004; // POLLOUT
inline constexpr uint32_t ERROR = 0x008; // POLLERR
inline constexpr uint32_t HANG_UP = 0x010; // POLLHUP
inline constexpr uint32_t INVALID = 0x020; // POLLNVAL
inline constexpr uint32_t READ_NORMAL = 0x040; // POLLRDNORM
inline constexpr uint32_t READ_BAND = 0x080; // POLLRDBAND
inline constexpr uint32_t WRITE_NORMAL = 0x100; // POLLWRNORM
inline constexpr uint32_t WRITE_BAND = 0x200; // POLLWRBAND
// What a file that never waits answers (Linux's DEFAULT_POLLMASK).
inline constexpr uint32_t ALWAYS_READY = IN | OUT | READ_NORMAL | WRITE_NORMAL;
} // namespace poll_bits

// The change counter's value now.
uint64_t poll_generation();
// A pollable object may have become ready: bumps the counter, wakes every poller. Any
// context (IRQ handlers too).
void notify_poll_waiters();
// With interrupts disabled: sleeps until the counter differs from `seen` (at once if it
// already does: Woken), the monotonic `deadline_ns` passes (TimedOut) or the thread is
// interrupted (sched::interrupt: Interrupted).
sched::WaitResult wait_for_poll_change(uint64_t seen, uint64_t deadline_ns);

} // namespace fs
