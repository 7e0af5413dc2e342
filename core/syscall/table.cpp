// The table of system calls and the dispatcher the user threads call (see syscall.hpp).
#include <log/log.hpp>
#include <proc/process.hpp>
#include <syscall/handler.hpp>
#include <syscall/syscall.hpp>

namespace syscalls {
namespace {

Entry g_table[NUMBER_COUNT];
// Numbers already logged as unknown (each is logged once).
uint64_t g_reported_unknown[NUMBER_COUNT / 64];

int64_t unknown(uint64_t number, const proc::Process& process)
{
    bool in_table = number < NUMBER_COUNT;
    if (!in_table || !(g_reported_unknown[number / 64] & (1ull << (number % 64)))) {
        if (in_table)
            g_reported_unknown[number / 64] |= 1ull << (number % 64);
        klog::debug("{}[{}]: system call {} is not implemented (ENOSYS)", process.name.view(), process.pid,
                   number);
    }
    return -int64_t(kstd::Errno::NotImplemented);
}

void dispatch(proc::UserThread& thread)
{
    hal::UserRegisters& registers = thread.registers;
    uint64_t number = registers.orig_rax;
    if (number >= NUMBER_COUNT || !g_table[number].handler) {
        registers.rax = uint64_t(unknown(number, *thread.process));
        return;
    }
    Call call { thread, { registers.rdi, registers.rsi, registers.rdx, registers.r10, registers.r8, registers.r9 } };
    Result result = g_table[number].handler(call);
    if (!result.is_error()) {
        registers.rax = uint64_t(result.value());
        return;
    }
    kstd::Errno error = result.error().code();
    if (error == kstd::Errno::Interrupted && !call.interruption_is_final)
        error = kstd::Errno::RestartSystemCall;
    // EPIPE means a write found a pipe without readers; Linux also sends the writer SIGPIPE.
    if (error == kstd::Errno::BrokenPipe)
        proc::post_signal(*thread.process, { .signal = proc::SIGPIPE, .pid = thread.process->pid });
    registers.rax = uint64_t(-int64_t(error));
}

} // namespace

void init()
{
    register_file_calls(g_table);
    register_name_calls(g_table);
    register_memory_calls(g_table);
    register_process_calls(g_table);
    register_system_calls(g_table);
    register_machine_calls(g_table);
    register_log_calls(g_table);
    register_mount_calls(g_table);
    register_signal_calls(g_table);
    register_poll_calls(g_table);
    register_passing_calls(g_table);
    register_attribute_calls(g_table);
    register_status_calls(g_table);
    register_terminal_calls(g_table);
    proc::set_syscall_handler(dispatch);
}

} // namespace syscalls
