// The stub processes user programs run in, as the rest of hal/sim sees them.
//
// Each hal::UserSpace is a host process of its own, started from hal/sim/stub/ and traced
// by the host thread that started it (the CPU thread: all kernel threads run on it). See
// user_stub.cpp for how it starts and how system calls are injected into it, user_mode.cpp
// for how programs run in it.
#pragma once
#include <hal/user.hpp>

#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

namespace sim {

// Where the stub's one page lies (stub/user_stub.ld): the first address above user space.
// Below the lowest place the host may put a new process's stack (16 GiB of randomization
// below 0x7fff'ffff'f000), so the image can always be mapped there.
inline constexpr uintptr_t USER_STUB_BASE = 0x7ffb'0000'0000;
// `syscall; int3` at the start of that page (stub/user_stub.S).
inline constexpr uintptr_t USER_STUB_GADGET = USER_STUB_BASE;
inline constexpr uintptr_t USER_STUB_GADGET_END = USER_STUB_GADGET + 3; // rip after the int3
// Its SIGSEGV handler, an int3 (rip after it), and the signal stack the handler runs on.
inline constexpr uintptr_t USER_STUB_FAULT_HANDLER_END = USER_STUB_BASE + 4;
inline constexpr uintptr_t USER_STUB_SIGNAL_STACK = USER_STUB_BASE + 0x1000;
inline constexpr uintptr_t USER_STUB_SIGNAL_STACK_BYTES = 0x10000;
// The descriptor the RAM memory file has in the stub: its pages are mapped from it.
inline constexpr int USER_STUB_RAM_FILE = 3;

struct UserStub {
    pid_t pid;
    pid_t tracer;   // the host thread that started it: only it may trace it
    bool alive;     // false once it died (it is then reaped and pid is stale)
    bool fpu_known; // whether `fpu` is what the stub's FPU holds
    hal::UserFpuState fpu;
    // Every live stub is on one list: a stub whose UserSpace is never destroyed (its kernel
    // thread panicked) stays reachable, so LeakSanitizer does not count it as a leak.
    UserStub* previous;
    UserStub* next;
};

// Starts a stub and waits until it is ready (stopped, its address space empty but for its
// own page). Null when it could not be started; the reason went to stderr.
UserStub* start_user_stub();
// Kills and reaps the stub, and frees it.
void stop_user_stub(UserStub* stub);

// One ptrace request to the stopped stub. A stub that vanished (killed by the host, say)
// is reaped and marked dead, and the request returns false; so does any request to a dead
// stub. Other failures are simulator bugs (a panic).
bool trace_user_stub(UserStub& stub, int request, void* address = nullptr, void* data = nullptr);
// Waits for the stub's next stop; returns the wait status. If it died, marks it so.
int wait_for_user_stub(UserStub& stub);
// Runs the system call `number` in the stopped stub through its gadget and returns what it
// returned (-errno on failure, -ESRCH when the stub is dead). The stub's registers are
// clobbered: set them again before resuming it.
long user_stub_syscall(UserStub& stub, long number, uint64_t a0 = 0, uint64_t a1 = 0, uint64_t a2 = 0,
                       uint64_t a3 = 0, uint64_t a4 = 0, uint64_t a5 = 0);

// For a stub stopped at the delivery of a SIGSEGV the program took: the x86 page-fault
// error code, which ptrace does not tell. The signal is passed on to the stub's handler,
// and the code read from the signal frame the host wrote (REG_ERR of its ucontext). The
// delivery resets the stub's FPU state: its whole XSAVE area (AVX registers included) is
// saved before and put back after; its registers must be set again. False when the code
// could not be had (the stub died, say).
bool read_page_fault_error(UserStub& stub, uint64_t& error_code);

// Preemption. While a stub runs a program, the CPU thread waits for it; raise_irq() then
// calls kick_running_user_stub(), which sends the running stub PREEMPTION_SIGNAL so that
// it stops. run_user publishes the stub before resuming it and withdraws it once it has
// stopped; the publication is locked against the kick, so a signal never goes to a
// process that was reaped meanwhile (its pid could belong to another process by then).
void publish_running_user_stub(pid_t pid);
void withdraw_running_user_stub();
void kick_running_user_stub();

} // namespace sim
