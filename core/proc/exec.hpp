// Running a program: execve, and the shell's way of starting one.
//
// exec loads a new image into a fresh address space while the old one is untouched; only
// when the new one is complete (segments copied in, stack laid out) does the process
// switch to it and let the old one go, so a failing exec returns its error to a program
// that still runs. Then descriptors marked close-on-exec close, and the program's name and
// command line change. What it loads: a static ELF64 executable (ET_EXEC, or ET_DYN at a
// fixed load bias: Keel has no address-space randomization yet), or a "#!" script, whose
// interpreter is loaded instead with the script's path added to the arguments (up to
// Linux's four levels of interpreters). The segments are copied in at exec, not mapped
// from the file.
#pragma once
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <kstd/string_view.hpp>
#include <proc/user_thread.hpp>

namespace fs {
class Context;
}

namespace proc {

struct ProgramArguments {
    kstd::StringView path;                          // as given to execve (AT_EXECFN)
    kstd::Span<const kstd::StringView> arguments;   // argv
    kstd::Span<const kstd::StringView> environment; // envp
};

// execve for the calling user thread: on success its registers and FPU state are the new
// program's (the caller must not touch rax). ENOENT, EACCES (not a regular file, or
// without an execute bit), ENOEXEC (not a loadable executable), E2BIG, ENOMEM, ELOOP...
kstd::Result<void> exec_current(UserThread& caller, const ProgramArguments& program);

// Starts `program` as a new child of the kernel process with the current directory and
// umask of `parent_files` (the shell's), descriptors 0, 1 and 2 open on `console_path`
// (the shell passes /dev/console) — or 1 on what `parent_files` has open at
// `standard_output`, when that is not -1 (a redirection) — and the kernel process's
// credentials. Returns its pid; errors as exec_current's, EAGAIN at the process limit.
kstd::Result<uint32_t> spawn_program(const ProgramArguments& program, fs::Context& parent_files,
                                     kstd::StringView console_path, int standard_output = -1);
// The same for init, pid 1 (INIT_PID; once per boot), on /dev/console.
kstd::Result<uint32_t> start_init(const ProgramArguments& program, fs::Context& kernel_files);

} // namespace proc
