// System calls (core/syscall): start reading here.
//
// A program asks the kernel for something with the `syscall` instruction: the number in
// rax, up to six arguments in rdi, rsi, rdx, r10, r8 and r9, the answer back in rax — a
// value, or -errno. Keel answers with Linux's numbers and meanings (x86_64), so static
// Linux programs run unchanged.
//
// The user thread's loop (core/proc/user_thread.hpp) hands every Syscall exit to
// dispatch() (registered by init()), which finds the handler in one table indexed by
// number (table.cpp) and stores what it returns. Handlers are thin: they copy arguments
// in through core/proc/user_copy.hpp (every pointer a program passes is untrusted), call
// the subsystem, and copy results out. They live by subsystem, as xv6's sysfile.c and
// sysproc.c: file_calls.cpp (descriptors and data), name_calls.cpp (paths),
// memory_calls.cpp, process_calls.cpp, signal_calls.cpp, system_calls.cpp (time,
// identity, randomness).
// A call cut short by a signal returns EINTR (or one of Linux's restart codes), which the
// signal code turns into EINTR or a restart on the way out (proc/signal_delivery.hpp);
// EPIPE also sends SIGPIPE.
// An unknown number answers ENOSYS and is logged once per number (at debug level: in
// dmesg, not on the console, since glibc tries calls Keel does not have, rseq first).
#pragma once

namespace syscalls {

// Registers the dispatcher with core/proc. Once, at boot.
void init();

} // namespace syscalls
