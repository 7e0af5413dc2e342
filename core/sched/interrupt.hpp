// Interrupting a thread: how Ctrl+C stops the shell's running command.
//
// Linux's terminal sends SIGINT to its foreground job; Keel's kernel threads have no
// signals, so the same request is a flag on the thread. interrupt() sets it (from an IRQ
// handler too: input calls it when Ctrl+C arrives) and wakes the thread if it sleeps in an
// interruptible wait (WaitQueue::wait_interruptible and friends, which then answer
// WaitResult::Interrupted, the kernel's EINTR). Long loops poll interrupt_pending() and
// stop; whoever started the work clears the flag before and after it. Waits that are not
// interruptible (locks, joins) are not disturbed: the flag only asks, it never ends a
// thread.
#pragma once
#include <sched/thread.hpp>

namespace sched {

// Marks `thread` interrupted and ends its interruptible wait, if it is in one. Safe in
// interrupt handlers (the caller of an IRQ handler then reschedules by irq_result()).
void interrupt(Thread& thread);
// Whether the running thread has been interrupted; false before the scheduler runs.
bool interrupt_pending();
// Forgets the running thread's interrupt.
void clear_interrupt();

// sleep_until()/sleep_for() that an interrupt cuts short: false when it did.
bool sleep_until_interruptible(uint64_t deadline_ns);
bool sleep_for_interruptible(uint64_t ns);

} // namespace sched
