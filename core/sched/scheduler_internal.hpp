// What thread.cpp and scheduler.cpp share and nothing else should call. Interrupts are
// disabled around every one of these.
#pragma once
#include <sched/thread.hpp>

namespace sched {

// thread.cpp: the thread list and the end of a thread's life.
void register_boot_thread(Thread& thread);
void free_thread(Thread& thread);

// scheduler.cpp: where a new thread starts (from its first context switch), ending the
// running thread, and the ready queue's bookkeeping for nice.
[[noreturn]] void start_thread(Thread& thread);
[[noreturn]] void end_current(int status);
void requeue_with_priority(Thread& thread, unsigned priority);
// Moves a ready thread that was killed to the top level, to run (and so end) next.
void hasten_to_end(Thread& thread);
bool is_idle(const Thread& thread);

} // namespace sched
