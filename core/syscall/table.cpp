// The table of system calls and the dispatcher the user threads call (see syscall.hpp).
#include <log/log.hpp>
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
    registers.rax = !result.is_error() ? uint64_t(result.value()) : uint64_t(-int64_t(result.error().code()));
}

} // namespace

void init()
{
    register_file_calls(g_table);
    register_name_calls(g_table);
    register_memory_calls(g_table);
    register_process_calls(g_table);
    register_system_calls(g_table);
    register_status_calls(g_table);
    proc::set_syscall_handler(dispatch);
}

} // namespace syscalls
