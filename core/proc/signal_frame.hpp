// The signal frame: what a handler finds on its stack, in Linux's x86_64 layout, so that
// glibc's and musl's handlers, their SA_SIGINFO arguments, their ucontext and their
// restorer (__restore_rt, which makes the rt_sigreturn call) work unchanged.
//
//     higher addresses    the interrupted stack (less a 128-byte red zone), or the
//                         top of the alternate stack
//                         the FPU state: 512 bytes in the FXSAVE layout, 64-aligned
//     frame + 440         (padding)
//     frame + 312         siginfo_t (128 bytes)
//     frame + 8           ucontext_t: flags, link, the alternate stack, the sigcontext
//                         (registers, and a pointer to the FPU state), the saved mask
//     frame               the return address: sa_restorer
//
// The handler starts with rdi = the signal, rsi = &siginfo, rdx = &ucontext, rsp = frame
// (so rsp + 8 is 16-aligned, as after a call), a fresh FPU state and DF, TF, RF clear.
// sigreturn takes everything back from the ucontext, which the handler may have changed
// (rip, registers, the mask); the flags it may change are the arithmetic ones, DF, TF,
// RF and AC, as on Linux.
#pragma once
#include <kstd/result.hpp>
#include <proc/signals.hpp>

namespace proc {

struct UserThread;

// Writes the frame for `info` and points the thread's registers at `action`'s handler.
// `saved_mask` is what sigreturn will put back. false when the frame could not be written
// (a bad stack): the caller forces SIGSEGV, as Linux does.
bool enter_handler(UserThread& thread, const SignalInfo& info, const SignalAction& action, SignalSet saved_mask);
// rt_sigreturn: restores the registers, FPU state, mask and alternate stack from the frame
// below the user's rsp. false for a frame that cannot be read (the caller forces SIGSEGV).
bool return_from_handler(UserThread& thread);

// siginfo_t: 128 bytes; the union at offset 16 is laid out by the kind of signal.
struct LinuxSiginfo {
    int32_t signal, error, code, padding;
    uint8_t fields[112];
};
static_assert(sizeof(LinuxSiginfo) == 128);
LinuxSiginfo linux_siginfo(const SignalInfo& info);
// What rt_sigqueueinfo takes from a program's siginfo: the code, pid, uid and value.
SignalInfo signal_info_from_user(int signal, const LinuxSiginfo& info);

// sigaltstack's stack_t (24 bytes on x86_64).
struct LinuxStack {
    uint64_t base;
    int32_t flags;
    int32_t padding;
    uint64_t size;
};
inline constexpr size_t MINIMUM_SIGNAL_STACK = 2048; // MINSIGSTKSZ

// What sigaltstack reports about the process's alternate stack while the program's stack
// pointer is `sp`.
LinuxStack describe_alternate_stack(const Process& process, uintptr_t sp);
// sigaltstack's change: EPERM while running on the alternate stack, EINVAL for unknown
// flags, ENOMEM below MINSIGSTKSZ.
kstd::Result<void> change_alternate_stack(Process& process, const LinuxStack& stack, uintptr_t sp);

} // namespace proc
