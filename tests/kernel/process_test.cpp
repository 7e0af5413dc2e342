// In-kernel tests of user processes, on x86_64 under QEMU and in the sim: the programs of
// the initramfs's /bin (user/), started the way the shell starts them (proc::
// spawn_program), with their output sent to a file the test reads back. A program's
// output, exit status and death by a signal reach the parent; bad executables are
// refused with Linux's errors; a "#!" script runs its interpreter; kill ends a spinning
// program; the console's Ctrl+C and Ctrl+\ reach a program that does not read, and its
// Ctrl+Z stops nothing in the kernel's orphaned process group; a program reading the
// console between programs takes no keys; a forked child runs first; the process limit
// holds and everything comes back; a program run and reaped leaves no trace, and neither
// does one whose start runs out of frames; a signal's disposition follows the mask, the
// action and the default action.
#include "footprint.hpp"

#include <fs/devfs/console_terminal.hpp>
#include <fs/kernel_fs.hpp>
#include <input/input.hpp>
#include <mm/heap/kmalloc.hpp>
#include <proc/exec.hpp>
#include <proc/exit.hpp>
#include <proc/process.hpp>
#include <proc/signals.hpp>
#include <sched/scheduler.hpp>

namespace {

using namespace fs::open_flags;
constexpr kstd::StringView OUTPUT = "/tmp/process_test.out";
constexpr kstd::StringView NO_ENVIRONMENT[] = { "PATH=/bin" };

fs::Context& files()
{
    auto context = fs::current();
    KTEST_EXPECT(!context.is_error());
    return *context.value();
}

// Starts `arguments[0]` with its output in OUTPUT; its pid, or the error.
kstd::Result<uint32_t> start(kstd::Span<const kstd::StringView> arguments)
{
    fs::Context& context = files();
    int fd = TRY(context.open(OUTPUT, WRITE_ONLY | CREATE | TRUNCATE));
    auto pid = proc::spawn_program({ arguments[0], arguments, NO_ENVIRONMENT }, context, "/dev/console", fd);
    (void)context.close(fd);
    return pid;
}

// Runs a program to its end: its wait status.
int run(kstd::Span<const kstd::StringView> arguments)
{
    auto pid = start(arguments);
    KTEST_EXPECT(!pid.is_error());
    return pid.is_error() ? -1 : proc::wait_for_kernel_child(pid.value());
}

bool output_is(kstd::StringView expected)
{
    char buffer[512];
    fs::Context& context = files();
    auto fd = context.open(OUTPUT, READ_ONLY);
    if (fd.is_error())
        return false;
    auto length = context.read(fd.value(), { reinterpret_cast<uint8_t*>(buffer), sizeof buffer });
    (void)context.close(fd.value());
    if (length.is_error() || kstd::StringView(buffer, length.value()) != expected) {
        console::println("    output was: '{}'", length.is_error() ? "" : kstd::StringView(buffer, length.value()));
        return false;
    }
    return true;
}

kstd::Result<void> write_file(kstd::StringView path, kstd::StringView text, fs::Mode mode)
{
    fs::Context& context = files();
    int fd = TRY(context.open(path, WRITE_ONLY | CREATE | TRUNCATE, mode));
    auto wrote = context.write(fd, { reinterpret_cast<const uint8_t*>(text.data()), text.size() });
    (void)context.close(fd);
    TRY(wrote);
    return {};
}

constexpr kstd::StringView HELLO_OUTPUT = "hello from user space\nargc = 3\nargv[0] = \"/bin/{}\"\n"
                                          "argv[1] = \"one\"\nargv[2] = \"two words\"\n";

} // namespace

KTEST(a_musl_and_a_glibc_program_run_and_their_output_comes_back)
{
    for (kstd::StringView name : { "hello", "hello.glibc" }) {
        kstd::FixedString<40> path;
        kstd::format_to(path, "/bin/{}", name);
        kstd::StringView arguments[] = { path.view(), "one", "two words" };
        KTEST_EXPECT(run(arguments) == proc::exit_wait_status(0));
        kstd::FixedString<200> expected;
        kstd::format_to(expected, HELLO_OUTPUT, name);
        KTEST_EXPECT(output_is(expected.view()));
    }
}

KTEST(exit_codes_and_deadly_signals_reach_the_parent)
{
    struct Case {
        kstd::StringView how;
        kstd::StringView code;
        int status;
    } cases[] = {
        { "exit", "0", proc::exit_wait_status(0) },
        { "exit", "3", proc::exit_wait_status(3) },
        { "exit", "256", proc::exit_wait_status(0) }, // only the low byte, as on Linux
        { "segv", "", proc::signal_wait_status(proc::SIGSEGV, true) },
        { "kernel", "", proc::signal_wait_status(proc::SIGSEGV, true) },
        { "ill", "", proc::signal_wait_status(proc::SIGILL, true) },
        { "fpe", "", proc::signal_wait_status(proc::SIGFPE, true) },
    };
    for (const Case& test : cases) {
        for (kstd::StringView program : { "/bin/ending", "/bin/ending.glibc" }) {
            kstd::StringView arguments[] = { program, test.how, test.code };
            int status = run({ arguments, test.code.empty() ? 2u : 3u });
            if (status != test.status)
                console::println("    {} {}: wait status {:#x}, expected {:#x}", program, test.how, status, test.status);
            KTEST_EXPECT(status == test.status);
        }
    }
}

KTEST(bad_executables_are_refused_with_linux_errors)
{
    KTEST_EXPECT(!write_file("/tmp/text", "just words\n", 0755).is_error());
    KTEST_EXPECT(!write_file("/tmp/not_executable", "#!/bin/true\n", 0644).is_error());
    KTEST_EXPECT(!write_file("/tmp/elf_head", "\x7f" "ELF\x02\x01\x01", 0755).is_error());
    struct Case {
        kstd::StringView path;
        kstd::Errno error;
    } cases[] = {
        { "/bin/no_such_program", kstd::Errno::NoSuchEntry },
        { "/tmp/text", kstd::Errno::ExecFormatError },
        { "/tmp/not_executable", kstd::Errno::PermissionDenied },
        { "/tmp", kstd::Errno::PermissionDenied },
        { "/tmp/elf_head", kstd::Errno::ExecFormatError },
    };
    ktest_support::expect_no_trace([&] {
        for (const Case& test : cases) {
            kstd::StringView arguments[] = { test.path };
            auto pid = start(arguments);
            KTEST_EXPECT(pid.is_error() && pid.error().code() == test.error);
        }
    });
}

KTEST(a_script_runs_its_interpreter_with_the_script_as_an_argument)
{
    KTEST_EXPECT(!write_file("/tmp/script", "#!/bin/hello one\nignored\n", 0755).is_error());
    kstd::StringView arguments[] = { "/tmp/script", "two words" };
    KTEST_EXPECT(run(arguments) == proc::exit_wait_status(0));
    KTEST_EXPECT(output_is("hello from user space\nargc = 4\nargv[0] = \"/bin/hello\"\nargv[1] = \"one\"\n"
                           "argv[2] = \"/tmp/script\"\nargv[3] = \"two words\"\n"));
}

KTEST(kill_ends_a_spinning_and_a_sleeping_program)
{
    for (kstd::StringView how : { "spin", "sleep" }) {
        kstd::StringView arguments[] = { "/bin/ending", how };
        auto pid = start(arguments);
        KTEST_EXPECT(!pid.is_error());
        sched::sleep_for(20'000'000); // let it get going
        KTEST_EXPECT(!proc::send_signal(proc::kernel_process(), pid.value(), proc::SIGKILL).is_error());
        KTEST_EXPECT(proc::wait_for_kernel_child(pid.value()) == proc::signal_wait_status(proc::SIGKILL, false));
    }
}

// While a program runs the console's terminal takes each key as it comes (the kernel
// shell has it do so), so its signal characters typed on the serial line reach a program
// that never reads: Ctrl+C as SIGINT, Ctrl+\ as SIGQUIT (core dumped). Ctrl+Z stops
// nothing: the program is in the kernel's process group, which is orphaned, and Linux
// drops a terminal's stop signals to an orphaned group.
KTEST(the_consoles_signal_keys_reach_a_program_that_does_not_read)
{
    fs::ConsoleTerminal& terminal = fs::console_terminal();
    terminal.set_session(proc::kernel_process().session);
    terminal.set_foreground_group(proc::kernel_process().process_group);
    terminal.take_keys();
    struct Case {
        kstd::StringView keys;
        int status;
    } cases[] = {
        { "\x03", proc::signal_wait_status(proc::SIGINT, false) },
        { "\x1c", proc::signal_wait_status(proc::SIGQUIT, true) },
        { "\x1a", -1 }, // Ctrl+Z: still running afterwards
    };
    for (const Case& test : cases) {
        kstd::StringView arguments[] = { "/bin/ending", "spin" };
        auto pid = start(arguments);
        KTEST_EXPECT(!pid.is_error());
        if (pid.is_error())
            break;
        sched::sleep_for(20'000'000); // let it get going
        input::feed_serial_bytes(test.keys);
        int status = -1;
        for (int tries = 0; tries < 100 && status == -1; ++tries) {
            sched::sleep_for(20'000'000);
            auto waited = proc::wait_for_child(proc::kernel_process(), pid.value(), { .no_hang = true, .stopped = true },
                                               status);
            KTEST_EXPECT(!waited.is_error());
            if (!waited.is_error() && waited.value() == 0)
                status = -1;
            if (test.status == -1 && tries == 10)
                break; // a fifth of a second without a stop is enough
        }
        if (status != test.status)
            console::println("    keys {:#x}: wait status {:#x}, expected {:#x}", uint8_t(test.keys[0]), status,
                             test.status);
        KTEST_EXPECT(status == test.status);
        bool still_there = status == -1 || (status & 0xff) == 0x7f; // running or stopped
        if (still_there) {
            KTEST_EXPECT(!proc::send_signal(proc::kernel_process(), pid.value(), proc::SIGKILL).is_error());
            (void)proc::wait_for_kernel_child(pid.value());
        }
    }
    terminal.release_keys();
    terminal.reset();
    console::print("\n");
}

// A program that reads the console while none runs (one left in the background) takes
// none of the keys typed meanwhile: they stay queued for the kernel shell.
KTEST(a_program_reading_the_console_between_programs_takes_no_keys)
{
    while (input::try_read_key())
        ;
    kstd::StringView arguments[] = { "/bin/cat" }; // busybox's: it reads its standard input
    auto pid = start(arguments);
    KTEST_EXPECT(!pid.is_error());
    if (pid.is_error())
        return;
    sched::sleep_for(50'000'000); // let it block in its read
    input::feed_serial_bytes("k");
    kstd::Optional<input::KeyEvent> key = input::try_read_key();
    KTEST_EXPECT(key.has_value() && key.value().character == 'k');
    KTEST_EXPECT(!proc::send_signal(proc::kernel_process(), pid.value(), proc::SIGKILL).is_error());
    KTEST_EXPECT(proc::wait_for_kernel_child(pid.value()) == proc::signal_wait_status(proc::SIGKILL, false));
}

// The child of a fork runs first: busybox sh, ignoring SIGTERM, starts a job that takes
// SIGTERM's default back before it execs `sleep`, and kills it at once; had the shell run
// on, the kill would find the job still ignoring it and `wait` would take 5 seconds and
// report 0.
KTEST(a_forked_child_runs_before_its_parent_goes_on)
{
    constexpr kstd::StringView SCRIPT = "trap '' TERM; (trap - TERM; exec sleep 5) & "
                                        "kill $!; wait $!; echo $?";
    kstd::StringView arguments[] = { "/bin/sh", "-c", SCRIPT };
    KTEST_EXPECT(run(arguments) == proc::exit_wait_status(0));
    KTEST_EXPECT(output_is("143\n"));
}

KTEST(a_signal_disposition_follows_the_mask_the_action_and_the_default)
{
    using proc::Disposition;
    auto* process = mm::make<proc::Process>();
    KTEST_EXPECT(process != nullptr);
    proc::SignalState& state = process->signals;
    struct Default {
        int signal;
        Disposition disposition;
    };
    // SIG_DFL: a default that ignores or only continues counts as ignored.
    for (Default test : { Default { proc::SIGTERM, Disposition::Terminate },
                          Default { proc::SIGSEGV, Disposition::Terminate },
                          Default { proc::SIGKILL, Disposition::Terminate },
                          Default { proc::SIGCHLD, Disposition::Ignore },
                          Default { proc::SIGWINCH, Disposition::Ignore },
                          Default { proc::SIGCONT, Disposition::Ignore },
                          Default { proc::SIGSTOP, Disposition::Stop },
                          Default { proc::SIGTSTP, Disposition::Stop },
                          Default { 40, Disposition::Terminate } })
        KTEST_EXPECT(proc::disposition_of(*process, test.signal) == test.disposition);
    state.actions[proc::SIGTERM - 1].handler = proc::HANDLER_IGNORE;
    state.actions[proc::SIGCHLD - 1].handler = 0x401000;
    state.actions[proc::SIGTSTP - 1].handler = 0x401000;
    KTEST_EXPECT(proc::disposition_of(*process, proc::SIGTERM) == Disposition::Ignore);
    KTEST_EXPECT(proc::disposition_of(*process, proc::SIGCHLD) == Disposition::Catch);
    KTEST_EXPECT(proc::disposition_of(*process, proc::SIGTSTP) == Disposition::Catch);
    // Blocked, whatever the action: a handler or SIG_IGN may change before it is unblocked.
    state.blocked = proc::signal_bit(proc::SIGTERM) | proc::signal_bit(proc::SIGCHLD)
        | proc::signal_bit(proc::SIGINT) | proc::signal_bit(proc::SIGURG);
    for (int signal : { proc::SIGTERM, proc::SIGCHLD, proc::SIGINT, proc::SIGURG })
        KTEST_EXPECT(proc::disposition_of(*process, signal) == Disposition::Blocked);
    KTEST_EXPECT(proc::disposition_of(*process, proc::SIGTSTP) == Disposition::Catch);
    mm::destroy(process);
}

KTEST(a_program_run_and_reaped_leaves_no_trace)
{
    ktest_support::expect_no_trace([] {
        kstd::StringView arguments[] = { "/bin/true" };
        KTEST_EXPECT(run(arguments) == proc::exit_wait_status(0));
    });
}

KTEST(the_process_limit_holds_and_everything_comes_back)
{
    size_t before = proc::process_count();
    static uint32_t pids[proc::PROCESS_LIMIT];
    size_t started = 0;
    kstd::StringView arguments[] = { "/bin/ending", "sleep" };
    kstd::Errno refusal = kstd::Errno::NotPermitted;
    while (started < proc::PROCESS_LIMIT) {
        auto pid = start(arguments);
        if (pid.is_error()) {
            refusal = pid.error().code();
            break;
        }
        pids[started++] = pid.value();
    }
    KTEST_EXPECT(refusal == kstd::Errno::TryAgain);
    KTEST_EXPECT(started == proc::PROCESS_LIMIT - before);
    for (size_t i = 0; i < started; ++i)
        KTEST_EXPECT(!proc::send_signal(proc::kernel_process(), pids[i], proc::SIGKILL).is_error());
    for (size_t i = 0; i < started; ++i)
        KTEST_EXPECT(proc::wait_for_kernel_child(pids[i]) == proc::signal_wait_status(proc::SIGKILL, false));
    KTEST_EXPECT(proc::process_count() == before);
    kstd::StringView again[] = { "/bin/true" };
    KTEST_EXPECT(run(again) == proc::exit_wait_status(0));
}

// Out of frames at each allocation exec makes in turn (page tables, the copied segments,
// the stack, the kernel stack of the thread): the start fails with ENOMEM and gives back
// everything, until one gets through and the program runs.
KTEST(running_out_of_frames_while_starting_a_program_leaks_nothing)
{
    kstd::StringView arguments[] = { "/bin/true" };
    KTEST_EXPECT(run(arguments) == proc::exit_wait_status(0)); // warm the caches
    for (uint64_t successes = 0; successes < 512; ++successes) {
        ktest_support::Footprint before = ktest_support::footprint();
        mm::fail_frame_allocation_after(successes);
        auto pid = start(arguments);
        mm::stop_failing_frame_allocations();
        if (!pid.is_error()) {
            KTEST_EXPECT(proc::wait_for_kernel_child(pid.value()) == proc::exit_wait_status(0));
            KTEST_EXPECT(successes > 0); // the first attempts met the failure
            return;
        }
        KTEST_EXPECT(pid.error().code() == kstd::Errno::OutOfMemory);
        KTEST_EXPECT(ktest_support::footprint() == before);
    }
    KTEST_EXPECT(!"every start failed");
}
