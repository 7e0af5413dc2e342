// The first task of the interactive images: init, or the kernel shell.
//
// As on Linux, the kernel runs init, the first user program, as pid 1: the program that
// init= on the command line names, /sbin/init when it names none (in Keel's initramfs,
// busybox's init, which reads /etc/inittab). Its descriptors 0, 1 and 2 are /dev/console,
// its environment HOME=/ and TERM=linux, as Linux gives it, and the command line's words
// that are not the kernel's go to its arguments and environment (cmdline.hpp). The console's terminal takes
// the keys for good then, since only programs read it, and the serial line becomes a
// terminal of its own, /dev/ttyS0 (its inittab starts a shell on each). This thread
// waits for init, and init's end is a panic ("init ended"), as Linux's "Attempted to kill
// init!".
//
// With init=kshell, or when init cannot run (no file system, no such program, not an
// executable), this thread becomes the kernel shell instead, with a greeting, working in
// this thread's file system context (current directory "/"). If there is no file system
// or no memory for the context, the shell still runs and its file commands say so.
#include <cmdline/cmdline.hpp>
#include <console/print.hpp>
#include <fs/context.hpp>
#include <fs/devfs/console_terminal.hpp>
#include <fs/devfs/serial_terminal.hpp>
#include <fs/kernel_fs.hpp>
#include <init/first_task.hpp>
#include <kstd/panic.hpp>
#include <log/log.hpp>
#include <proc/exec.hpp>
#include <proc/exit.hpp>
#include <proc/signals.hpp>
#include <shell/shell.hpp>

namespace {

constexpr kstd::StringView DEFAULT_INIT = "/sbin/init";
constexpr kstd::StringView KERNEL_SHELL = "kshell";
constexpr kstd::StringView INIT_ENVIRONMENT[] = { "HOME=/", "TERM=linux" };

// init's argv and envp: its path and INIT_ENVIRONMENT, then the command line's words for it.
struct InitCommandLine {
    static constexpr size_t ENVIRONMENT_MAX = sizeof INIT_ENVIRONMENT / sizeof INIT_ENVIRONMENT[0]
        + cmdline::InitWords::MAX;

    explicit InitCommandLine(kstd::StringView program_path) : path(program_path)
    {
        cmdline::InitWords words = cmdline::init_words();
        if (words.dropped > 0)
            klog::warn("init: {} words of the command line left out (at most {} arguments and {} variables)",
                       words.dropped, cmdline::InitWords::MAX, cmdline::InitWords::MAX);
        arguments[argument_count++] = path;
        for (size_t index = 0; index < words.argument_count; ++index)
            arguments[argument_count++] = words.arguments[index];
        for (kstd::StringView variable : INIT_ENVIRONMENT)
            environment[environment_count++] = variable;
        for (size_t index = 0; index < words.environment_count; ++index)
            environment[environment_count++] = words.environment[index];
    }

    proc::ProgramArguments program() const
    {
        return { path, { arguments, argument_count }, { environment, environment_count } };
    }

    kstd::StringView path;
    kstd::StringView arguments[1 + cmdline::InitWords::MAX];
    size_t argument_count = 0;
    kstd::StringView environment[ENVIRONMENT_MAX];
    size_t environment_count = 0;
};

// Runs `path` as init and waits for it; returns only when it could not start.
void run_init(kstd::StringView path)
{
    auto files = fs::current();
    if (files.is_error()) {
        klog::warn("init: no file system context: {}; starting the kernel shell", files.error().description());
        return;
    }
    static InitCommandLine command_line(path); // a few hundred bytes: not on this stack
    fs::ConsoleTerminal& terminal = fs::console_terminal();
    terminal.take_keys();
    auto pid = proc::start_init(command_line.program(), *files.value());
    if (pid.is_error()) {
        terminal.release_keys();
        klog::warn("init: cannot run {}: {}; starting the kernel shell", path, pid.error().description());
        return;
    }
    fs::serial_terminal().take_line(); // init, at a user priority below ours, has not run yet
    int wait_status = proc::wait_for_kernel_child(pid.value());
    int signal = proc::killing_signal(wait_status);
    if (signal != 0)
        PANIC("init ended: killed by {}", proc::signal_name(signal));
    PANIC("init ended: exit status {}", proc::exit_code(wait_status));
}

[[noreturn]] void run_kernel_shell()
{
    console::println("Type 'help' for the commands.");
    static shell::Shell shell(console::kernel_console());
    if (fs::is_initialized()) {
        auto files = fs::current();
        if (files.is_error())
            console::println("shell: no file system context: {}", files.error().description());
        else
            shell.use_files(*files.value());
    }
    shell.run();
}

} // namespace

void run_first_task()
{
    kstd::StringView init = cmdline::option("init");
    if (init != KERNEL_SHELL) {
        if (fs::is_initialized())
            run_init(init.empty() ? DEFAULT_INIT : init);
        else
            klog::warn("init: no file system; starting the kernel shell");
    }
    run_kernel_shell();
}
