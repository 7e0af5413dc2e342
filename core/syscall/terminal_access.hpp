// Job control on reads and writes of a terminal (Linux's job_control and tty_check_change):
// a process of a background group that reads its controlling terminal gets SIGTTIN, and
// one that writes it while TOSTOP is set SIGTTOU, for its whole group; the call then
// restarts once the group is continued. A reader that ignores or blocks SIGTTIN, or whose
// group is orphaned, gets EIO instead; a writer that ignores or blocks SIGTTOU writes.
#pragma once
#include <syscall/handler.hpp>

namespace syscalls {

// Nothing for a descriptor that is not the caller's controlling terminal.
kstd::Result<void> check_terminal_access(Call& call, int fd, bool writing);

} // namespace syscalls
