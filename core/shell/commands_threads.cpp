// Commands about threads: ps, nice, kill, sleep, and busy (a killable thread that keeps the
// CPU busy at low priority, to watch ps, nice and kill at work).
#include <console/print.hpp>
#include <hal/cpu.hpp>
#include <hal/timer.hpp>
#include <kstd/parse_number.hpp>
#include <proc/proc_files.hpp>
#include <proc/process.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell {
namespace {

using console::println;

constexpr uint64_t MAX_SLEEP_MS = 24ull * 3600 * 1000;
constexpr unsigned BUSY_PRIORITY = 4;

// The thread id in `text`, or a coreutils-style complaint and nothing.
kstd::Optional<uint64_t> thread_id(kstd::StringView command, kstd::StringView text)
{
    auto id = kstd::parse_unsigned(text, UINT32_MAX);
    if (!id)
        println("{}: '{}' is not a thread id", command, text);
    return id;
}

// Whether the command got its `count` required words; prints its usage if not.
bool has_arguments(const Arguments& arguments, size_t count)
{
    if (arguments.count() - 1 >= count)
        return true;
    print_usage(*find_command(arguments[0]));
    return false;
}

int report(kstd::StringView command, kstd::StringView what, const kstd::Error& error)
{
    println("{}: {}: {}", command, what, error.description());
    return STATUS_FAILURE;
}

// Spins for ever. cpu_relax() is the spin-wait hint; in the sim under TSan, which holds back
// the preemption signal, a HAL call is also where the timer interrupt gets in.
void keep_busy(void*)
{
    while (true)
        hal::cpu_relax();
}

void print_thread(Shell& shell, const sched::ThreadInfo& thread)
{
    shell.println("  {:>5} {:<23} {:>4} {:<8} {:>10}{}", thread.id, thread.name.view(), thread.base_priority,
                  sched::thread_state_name(thread.state), thread.cpu_time_ns / 1'000'000,
                  thread.killable ? "" : "  (not killable)");
}

// The command line with its arguments joined by blanks, as ps(1) shows it; the name
// alone when there is none (the kernel), with "<defunct>" for a zombie as procps does.
void print_process(Shell& shell, const fs::ProcProcess& process)
{
    shell.print("{:>5} {:>5} {:<4} {:>10} ", process.pid, process.parent_pid, process.state,
                (process.user_cpu_ns + process.system_cpu_ns) / 1'000'000);
    char text[proc::COMMAND_LINE_KEPT];
    size_t length = proc::copy_command_line(process.pid, { text, sizeof(text) }).value_or(0);
    while (length > 0 && text[length - 1] == '\0')
        --length;
    for (size_t index = 0; index < length; ++index)
        text[index] = text[index] == '\0' ? ' ' : text[index];
    if (length == 0)
        shell.println("{}{}", process.name.view(), process.state == 'Z' ? " <defunct>" : "");
    else
        shell.println("{}", kstd::StringView { text, length });
}

} // namespace

// One process at a time in pid order, each followed by its threads in id order (the
// kernel's threads under pid 0, "kernel"), as /proc lists them: no cap on the count, no
// buffer, and nothing held while a line is written (what ends meanwhile is just skipped).
int command_ps(Shell& shell, const Arguments&)
{
    shell.println("{:>5} {:>5} {:<4} {:>10} {}", "PID", "PPID", "STAT", "CPU(ms)", "COMMAND");
    shell.println("  {:>5} {:<23} {:>4} {:<8} {:>10}", "TID", "NAME", "PRIO", "STATE", "CPU(ms)");
    uint32_t next_pid = 0;
    while (auto listed = proc::find_process_from(next_pid)) {
        uint32_t pid = listed.value().pid;
        next_pid = pid + 1;
        if (auto found = proc::describe_process(pid))
            print_process(shell, found.value());
        uint32_t next_id = 0;
        while (auto thread = proc::find_process_thread_from(pid, next_id)) {
            print_thread(shell, thread.value());
            if (thread.value().id == UINT32_MAX)
                break;
            next_id = thread.value().id + 1;
        }
        if (pid == UINT32_MAX)
            break;
    }
    return STATUS_OK;
}

int command_nice(Shell&, const Arguments& arguments)
{
    if (!has_arguments(arguments, 2))
        return STATUS_USAGE;
    auto id = thread_id("nice", arguments[1]);
    if (!id)
        return STATUS_USAGE;
    auto priority = kstd::parse_unsigned(arguments[2], sched::PRIORITY_LEVELS - 1);
    if (!priority) {
        println("nice: priority '{}' is not a number from 0 to {}", arguments[2], sched::PRIORITY_LEVELS - 1);
        return STATUS_USAGE;
    }
    auto changed = sched::set_priority_for_user(uint32_t(id.value()), unsigned(priority.value()));
    if (changed.is_error() && changed.error().code() == kstd::Errno::PermissionDenied) {
        println("nice: {}: priority {}: {} (above {} is the kernel's)", arguments[1], priority.value(),
                changed.error().description(), sched::HIGHEST_USER_PRIORITY);
        return STATUS_FAILURE;
    }
    return changed.is_error() ? report("nice", arguments[1], changed.error()) : STATUS_OK;
}

// Like kill(1): every id is tried, each failure is reported, and the status is 1 if any
// failed.
int command_kill(Shell&, const Arguments& arguments)
{
    if (!has_arguments(arguments, 1))
        return STATUS_USAGE;
    int status = STATUS_OK;
    for (size_t index = 1; index < arguments.count(); ++index) {
        auto id = thread_id("kill", arguments[index]);
        if (!id) {
            status = STATUS_FAILURE;
            continue;
        }
        auto killed = sched::kill(uint32_t(id.value()));
        if (killed.is_error())
            status = report("kill", arguments[index], killed.error());
    }
    return status;
}

int command_sleep(Shell&, const Arguments& arguments)
{
    if (!has_arguments(arguments, 1))
        return STATUS_USAGE;
    auto milliseconds = kstd::parse_unsigned(arguments[1], MAX_SLEEP_MS);
    if (!milliseconds) {
        println("sleep: '{}' is not a number of milliseconds (at most {})", arguments[1], MAX_SLEEP_MS);
        return STATUS_USAGE;
    }
    // Ctrl+C cuts it short (the shell then reports the interruption).
    (void)sched::sleep_for_interruptible(milliseconds.value() * 1'000'000);
    return STATUS_OK;
}

int command_busy(Shell& shell, const Arguments& arguments)
{
    kstd::StringView name = arguments.count() > 1 ? arguments[1] : "busy";
    auto spawned = sched::spawn(name, keep_busy, nullptr,
                                { .priority = BUSY_PRIORITY, .killable = true, .detached = true });
    if (spawned.is_error())
        return report("busy", name, spawned.error());
    shell.println("busy: thread {} '{}' spins at priority {}", spawned.value()->id, name, BUSY_PRIORITY);
    return STATUS_OK;
}

} // namespace shell
