// Running programs from the shell: a word that names no built-in command is a program,
// by path when it has a '/', else by name from the folders of PATH_FOLDERS in turn (/bin,
// /sbin, /usr/bin, /usr/sbin: where busybox's applets are), which the program's
// environment names as PATH too. The shell starts it (proc::
// spawn_program) with the line's words as arguments, a small environment, and the
// console's terminal, /dev/tty1, the shell's own (or the line's `> FILE`) as its standard
// files, waits for it, and says how it ended
// when that was not a plain exit 0: "NAME: exit status N", or "NAME: killed by SIGSEGV
// (core dumped)". The status is the program's exit code, or 128 + the signal, as in sh.
//
// While the program runs the console's terminal has the keys (console_terminal.hpp): its
// Ctrl+C is SIGINT to the terminal's foreground process group, Ctrl+\ SIGQUIT. Ctrl+Z
// stops nothing: a program the kernel shell started is in the kernel's process group,
// which is orphaned (its members' parent, the kernel, is in it too), and Linux drops the
// terminal's stop signals to an orphaned group. A job control shell (busybox sh) puts its
// jobs in groups of their own, which Ctrl+Z stops.
#include <fs/context.hpp>
#include <fs/devfs/console_terminal.hpp>
#include <proc/exec.hpp>
#include <proc/exit.hpp>
#include <proc/signals.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell {
namespace {

constexpr kstd::StringView PATH_FOLDERS[] = { "/bin", "/sbin", "/usr/bin", "/usr/sbin" };
constexpr kstd::StringView PROGRAM_ENVIRONMENT[] = { "PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/" };
constexpr size_t PROGRAM_PATH_MAX = 256;
constexpr int STATUS_CANNOT_EXECUTE = 126; // found but not runnable, as in POSIX shells

bool has_slash(kstd::StringView word)
{
    for (char c : word)
        if (c == '/')
            return true;
    return false;
}

// While a program runs, the console is the controlling terminal of the kernel's session,
// which the program inherits, and its foreground group the kernel's (the program's, unless
// it moves, as a job control shell does): the group the signals of its keys go to (the
// kernel process itself takes no signals). The terminal takes the keys meanwhile.
// Afterwards it gives what the program left unread back to the shell, and gets its
// default settings back, whatever the program left.
class ProgramTerminal {
public:
    ProgramTerminal()
    {
        fs::ConsoleTerminal& terminal = fs::console_terminal();
        terminal.set_session(proc::kernel_process().session);
        terminal.set_foreground_group(proc::kernel_process().process_group);
        terminal.take_keys();
    }
    ~ProgramTerminal()
    {
        fs::console_terminal().release_keys();
        fs::console_terminal().reset();
    }
    ProgramTerminal(const ProgramTerminal&) = delete;
    ProgramTerminal& operator=(const ProgramTerminal&) = delete;
};

} // namespace

kstd::Optional<int> Shell::run_program(const Arguments& arguments)
{
    kstd::StringView name = arguments[0];
    char path_buffer[PROGRAM_PATH_MAX];
    kstd::StringView path = name;
    if (!has_slash(name)) {
        bool found = false;
        for (kstd::StringView folder : PATH_FOLDERS) {
            kstd::BufferWriter out(path_buffer, sizeof path_buffer);
            kstd::format_to(out, "{}/{}", folder, name);
            if (out.truncated() || !m_files || m_files->stat(out.view()).is_error())
                continue;
            path = out.view();
            found = true;
            break;
        }
        if (!found)
            return {};
    }
    if (!m_files) {
        error("{}: no file system", name);
        return STATUS_FAILURE;
    }
    kstd::StringView words[Arguments::MAX_WORDS];
    for (size_t i = 0; i < arguments.count(); ++i)
        words[i] = arguments[i];
    proc::ProgramArguments program { path, { words, arguments.count() }, PROGRAM_ENVIRONMENT };
    ProgramTerminal terminal;
    auto pid = proc::spawn_program(program, *m_files, "/dev/tty1", m_file_out ? m_file_out->fd() : -1);
    if (pid.is_error()) {
        error("{}: {}", name, pid.error().description());
        return pid.error().code() == kstd::Errno::NoSuchEntry ? STATUS_NOT_FOUND : STATUS_CANNOT_EXECUTE;
    }
    int wait_status = proc::wait_for_kernel_child(pid.value());
    int signal = proc::killing_signal(wait_status);
    if (signal == 0) {
        int code = proc::exit_code(wait_status);
        if (code != 0)
            error("{}: exit status {}", name, code);
        return code;
    }
    if (signal == proc::SIGINT)
        console::print("\n"); // after the terminal's "^C"
    else
        error("{}: killed by {}{}", name, proc::signal_name(signal),
              proc::dumped_core(wait_status) ? " (core dumped)" : "");
    return 128 + signal;
}

} // namespace shell
