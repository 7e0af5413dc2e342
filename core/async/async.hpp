// Async: kernel tasks written as C++20 coroutines, run by an executor on one kernel thread.
//
// A Task (task.hpp) is a coroutine whose frame lives on the kernel heap. An Executor
// (executor.hpp) runs spawned Tasks in rounds, resuming only those whose wait has ended;
// a wait ends when its Waker (waker.hpp) is called, from a task, an IRQ handler or a timer
// callback. The waits: sleep_for/sleep_until on the kernel's timer queue (sleep.hpp), the
// next key from the keyboard and serial IRQs (key_stream.hpp), and yield_now/wait_for_wake
// (wait.hpp). When nothing is ready the executor parks its thread until the next wake.
#pragma once
#include <async/executor.hpp>
#include <async/key_stream.hpp>
#include <async/sleep.hpp>
#include <async/task.hpp>
#include <async/wait.hpp>
