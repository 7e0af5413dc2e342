// The loop every user thread runs (see user_thread.hpp), and starting one.
#include <kstd/format.hpp>
#include <fs/kernel_fs.hpp>
#include <log/log.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/user_memory.hpp>
#include <proc/process_internal.hpp>
#include <proc/signal_delivery.hpp>
#include <proc/signals.hpp>
#include <proc/user_copy.hpp>
#include <proc/user_thread.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>

namespace proc {
namespace {

SyscallHandler g_syscall_handler = nullptr;

// A user thread's kernel stack holds its registers and FPU state under the deepest paths
// a system call takes (execve: copying arguments, loading, building page tables), which
// the sanitizers' redzones in the sim make two to three times deeper.
constexpr size_t USER_THREAD_STACK_SIZE = 32 * 1024;

// Linux's x86 page-fault error code, for the log line Linux prints (bit 0 present, 1
// write, 2 user, 4 instruction fetch).
unsigned error_code_of(const hal::PageFaultAccess& access)
{
    return (access.protection ? 1u : 0u) | (access.write ? 2u : 0u) | 4u | (access.execute ? 16u : 0u);
}

// A fault no handler catches ends the process, and the log says why, as Linux's
// show_signal_msg does only for unhandled signals. (force_signal sets a blocked or ignored
// signal back to its default: only Catch is caught.)
void handle_page_fault(UserThread& self, const hal::UserExit& exit)
{
    Process& process = *self.process;
    SignalInfo info { .address = exit.fault_address };
    mm::FaultOutcome outcome = process.memory->resolve_fault(exit.fault_address, exit.access);
    switch (outcome) {
    case mm::FaultOutcome::Resolved:
        return;
    case mm::FaultOutcome::NoRegion:
    case mm::FaultOutcome::ProtectionViolation:
        info.signal = SIGSEGV;
        info.code = outcome == mm::FaultOutcome::NoRegion ? signal_code::SEGV_MAPPING : signal_code::SEGV_ACCESS;
        if (disposition_of(process, SIGSEGV) != Disposition::Catch) {
            klog::debug("{}[{}]: segfault at {:x} ip {:016x} sp {:016x} error {}", process.name.view(),
                        process.pid, exit.fault_address, self.registers.rip, self.registers.rsp,
                        error_code_of(exit.access));
        }
        break;
    case mm::FaultOutcome::FileError:
        info.signal = SIGBUS;
        info.code = signal_code::BUS_ADDRESS;
        if (disposition_of(process, SIGBUS) != Disposition::Catch) {
            klog::debug("{}[{}]: bus error at {:x} ip {:016x}: the file behind the page could not be read",
                        process.name.view(), process.pid, exit.fault_address, self.registers.rip);
        }
        break;
    case mm::FaultOutcome::OutOfMemory:
        klog::error("Out of memory: killed process {} ({})", process.pid, process.name.view());
        terminate_current_process(SIGKILL);
    }
    force_signal(process, info);
}

void handle_fault(UserThread& self, const hal::UserExit& exit)
{
    Process& process = *self.process;
    if (disposition_of(process, exit.signal) != Disposition::Catch) {
        klog::debug("{}[{}]: {} at ip {:016x} sp {:016x} (address {:x})", process.name.view(), process.pid,
                    signal_name(exit.signal), self.registers.rip, self.registers.rsp, exit.fault_address);
    }
    force_signal(process, { .signal = exit.signal, .code = exit.signal_code, .address = exit.fault_address });
}

[[noreturn]] void run(UserThread& self)
{
    Process& process = *self.process;
    while (true) {
        sched::Thread& thread = sched::current();
        thread.in_user_mode = true; // the tick charges its time to user mode meanwhile
        hal::UserExit exit = hal::run_user(process.memory->machine(), self.registers, self.fpu);
        thread.in_user_mode = false;
        switch (exit.reason) {
        case hal::UserExitReason::Syscall:
            g_syscall_handler(self);
            break;
        case hal::UserExitReason::PageFault:
            handle_page_fault(self, exit);
            break;
        case hal::UserExitReason::Fault:
            handle_fault(self, exit);
            break;
        case hal::UserExitReason::Interrupt:
            break;
        }
        sched::preempt_point();
        handle_signals(self, exit.reason == hal::UserExitReason::Syscall);
    }
}

void user_thread_main(void* argument)
{
    auto* start = static_cast<UserThread*>(argument);
    UserThread self = *start;
    mm::destroy(start);
    // The creator gives the process its pid (this thread's id) right after spawning it;
    // a timer tick may switch to this thread first, at the same priority: let it finish.
    while (__atomic_load_n(&self.process->pid, __ATOMIC_ACQUIRE) == 0)
        sched::yield();
    if (self.set_child_tid)
        (void)write_user<int32_t>(self.set_child_tid, int32_t(self.process->pid));
    run(self);
}

} // namespace

void set_syscall_handler(SyscallHandler handler)
{
    g_syscall_handler = handler;
}

kstd::Result<uint32_t> start_user_thread(Process& process, const UserThread& start, unsigned priority,
                                         unsigned wake_boost)
{
    VERIFY(g_syscall_handler && process.memory && process.pid == 0);
    auto* copy = mm::make<UserThread>(start);
    if (!copy)
        return kstd::Errno::OutOfMemory;
    copy->process = &process;
    sched::SpawnOptions options {
        .priority = priority,
        .wake_boost = wake_boost,
        .detached = true,
        .stack_size = USER_THREAD_STACK_SIZE,
        .process = &process,
        .page_table_root = process.memory->root(),
        .takes_reserved_id = process.is_init,
    };
    auto thread = sched::spawn(process.name.view(), user_thread_main, copy, options);
    if (thread.is_error()) {
        mm::destroy(copy);
        return thread.error();
    }
    fs::set_thread_context(*thread.value(), process.files);
    ksync::InterruptGuard guard;
    process.thread_count = 1;
    process.thread = thread.value();
    list_process(process, thread.value()->id);
    return process.pid;
}

} // namespace proc
