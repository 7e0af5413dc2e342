// What every system call handler sees and returns (see syscall.hpp).
#pragma once
#include <kstd/result.hpp>
#include <proc/user_thread.hpp>
#include <syscall/numbers.hpp>
#include <stdint.h>

namespace syscalls {

// One call in progress: its thread (registers, process) and its six arguments.
struct Call {
    proc::UserThread& thread;
    uint64_t arguments[6];
    // An EINTR the handler returns is restarted under SA_RESTART (it becomes ERESTARTSYS,
    // as Linux's blocking reads, writes and waits answer) unless the handler sets this:
    // the few calls Linux never restarts.
    bool interruption_is_final = false;

    proc::Process& process() const { return *thread.process; }
    uint64_t argument(size_t index) const { return arguments[index]; }
    int32_t int_argument(size_t index) const { return int32_t(arguments[index]); }
};

// A value for rax, or an error that becomes -errno.
using Result = kstd::Result<int64_t>;
using Handler = Result (*)(Call& call);

struct Entry {
    const char* name;
    Handler handler;
};

// Puts `handler` in `table` at `number`: ADD_CALL(table, read) adds read_call as "read".
#define ADD_CALL(table, name) ((table)[uint32_t(::syscalls::Number::name)] = { #name, name##_call })

// The handlers of each file, by Linux number; table.cpp joins them into one table.
void register_file_calls(Entry* table);
void register_name_calls(Entry* table);
void register_memory_calls(Entry* table);
void register_process_calls(Entry* table);
void register_system_calls(Entry* table);
void register_machine_calls(Entry* table);
void register_log_calls(Entry* table);
void register_mount_calls(Entry* table);
void register_signal_calls(Entry* table);
void register_poll_calls(Entry* table);
void register_passing_calls(Entry* table);
void register_attribute_calls(Entry* table);
void register_status_calls(Entry* table);
void register_terminal_calls(Entry* table);

} // namespace syscalls
