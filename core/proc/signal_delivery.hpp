// Acting on pending signals, on a user thread's way back to user mode.
//
// The user-thread loop calls handle_signals() after every exit it has handled (a system
// call, a fault, an interrupt). While a signal is pending and not blocked it takes one —
// a synchronous one (a fault's) first, else the lowest number, as Linux — and acts on it:
//   ignored                 dropped
//   default Terminate       the process dies by it ("core dumped" where Linux would dump)
//   default Stop            the process stops (its parent hears) until SIGCONT or SIGKILL;
//                           terminal stops of an orphaned process group are dropped
//   a handler               a frame goes on the user stack (signal_frame.hpp), the mask
//                           grows by sa_mask and the signal itself (unless SA_NODEFER),
//                           SA_RESETHAND puts the default back
// and looks again, so several handlers nest: the last one set up runs first, as on Linux.
//
// A system call cut short by a signal returned one of the restart codes (kstd::Errno's
// Restart*); here it becomes what Linux makes of it: with a handler, EINTR — or the call
// again, for ERESTARTSYS under SA_RESTART and for ERESTARTNOINTR; without one, the call
// again (rip back over `syscall`), ERESTART_RESTARTBLOCK through restart_syscall.
#pragma once
#include <kstd/optional.hpp>
#include <proc/user_thread.hpp>

namespace proc {

// `after_system_call`: rax holds a system call's result, which may be a restart code.
void handle_signals(UserThread& thread, bool after_system_call);

// Whether the process has a signal it must act on (pending and not blocked).
bool has_deliverable_signal(const Process& process);
// sigtimedwait's: takes the pending signal of `set` that would be delivered first.
kstd::Optional<SignalInfo> take_pending_signal(Process& process, SignalSet set);

} // namespace proc
