// The kernel's executor: one async::Executor on its own kernel thread, "async".
//
//     async::spawn(blink_cursor());   // from any thread, after start_kernel_executor()
//
// The thread runs at ASYNC_PRIORITY, above ordinary threads, so a task whose sleep ended
// or whose key arrived runs at once rather than at the end of someone's time slice. When
// no task is ready it parks on a semaphore, so it uses no CPU; timers (the tick) and the
// input IRQs wake it. Its timers are the kernel's (time/timers.hpp) on hal::clock_ns().
#pragma once
#include <async/executor.hpp>
#include <async/task.hpp>

namespace async {

inline constexpr unsigned ASYNC_PRIORITY = 20;

// Starts the executor thread; the scheduler must be running. Panics if there is no memory
// for it at boot.
void start_kernel_executor();
// Hands a task to the kernel executor (ENOMEM as Executor::spawn).
kstd::Result<void> spawn(Task<void> task);

} // namespace async
