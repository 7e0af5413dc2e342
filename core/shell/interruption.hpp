// Ctrl+C for the shell's commands: the foreground command, and the one question commands
// ask about it.
//
// While a command runs the shell makes its thread input's foreground (ForegroundCommand),
// so Ctrl+C interrupts it (sched/interrupt.hpp): interruptible waits (sleep, reading
// /dev/console) end at once, and loops that could go on for long (copying a file, walking a
// tree) ask interrupted() at each step and stop, with EINTR where they return an error.
// From then on the shell drops the command's output and complaints, as a process killed by
// SIGINT says nothing more; once the command returns, the shell prints "^C" and the status
// is 130 (128 + SIGINT), as in sh.
#pragma once
#include <kstd/result.hpp>

namespace shell {

// Whether Ctrl+C has interrupted the running command.
bool interrupted();
// EINTR when interrupted(), for loops that TRY() their steps.
kstd::Result<void> check_interrupted();

// While one lives, the calling thread is the foreground command: Ctrl+C interrupts it. Its
// interrupt is forgotten when it begins and when it ends (so the next command starts fresh).
class ForegroundCommand {
public:
    ForegroundCommand();
    ~ForegroundCommand();
    ForegroundCommand(const ForegroundCommand&) = delete;
    ForegroundCommand& operator=(const ForegroundCommand&) = delete;
};

} // namespace shell
