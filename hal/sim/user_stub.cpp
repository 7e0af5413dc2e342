// Starting, stopping and driving the stub processes user programs run in.
//
// A stub (stub/user_stub.S) is a static program of one page at USER_STUB_BASE, with no C
// library and no sanitizer. It is started like posix_spawn starts a program: clone with
// CLONE_VM | CLONE_VFORK on a small stack of its own (user_stub_clone.S, not glibc's clone(),
// which TSan intercepts as a fork), all signals blocked meanwhile so no handler of the
// simulator runs in the child, which makes only raw system calls: it leaves
// the simulator's session (terminal signals are not for it), puts the RAM memory file at
// descriptor USER_STUB_RAM_FILE and closes every other one, asks to be traced by its parent
// (the calling host thread, which alone may trace it), unblocks signals and executes the
// stub. The exec stops it; the tracer sets PTRACE_O_EXITKILL (the stub dies with the
// simulator, whatever kills it) and PTRACE_O_TRACESYSGOOD (system-call stops are told
// apart from SIGTRAPs), and lets it run: the stub unmaps the host's stack, vDSO and vvar,
// and stops on an int3. From then on its address space holds only that page (and the
// host's fixed [vsyscall] page, far above user space) until the tracer maps RAM pages.
//
// System calls are injected through the gadget at USER_STUB_GADGET (`syscall; int3`):
// the tracer sets rip there and the call's registers, continues the stub and waits for the
// int3. Only mmap and munmap are ever injected (user_mode.cpp, user_space.cpp).
//
// The stub is found next to the running executable (keel-sim, keel-sim-ktest) and
// otherwise where the build put it (KEEL_USER_STUB_PATH), which is how keel-unit-tests
// finds it.
#include "user_stub.hpp"
#include "interrupt_controller.hpp"
#include "ram.hpp"

#include <kstd/verify.hpp>

#include <cerrno>
#include <cstddef>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <limits.h>
#include <memory>
#include <mutex>
#include <sched.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr size_t CHILD_STACK_BYTES = 64 * 1024;
constexpr const char* STUB_NAME = "keel-user-stub";

struct StubPath {
    char path[PATH_MAX];
};

StubPath find_stub()
{
    StubPath found {};
    char executable[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", executable, sizeof executable - 1);
    if (length > 0) {
        executable[length] = '\0';
        if (char* slash = strrchr(executable, '/')) {
            *slash = '\0';
            int written = snprintf(found.path, sizeof found.path, "%s/%s", executable, STUB_NAME);
            if (written > 0 && size_t(written) < sizeof found.path && access(found.path, X_OK) == 0)
                return found;
        }
    }
    snprintf(found.path, sizeof found.path, "%s", KEEL_USER_STUB_PATH);
    return found;
}

const char* stub_path()
{
    static const StubPath path = find_stub();
    return path.path;
}

extern "C" long keel_clone_vm_child(unsigned long flags, void* stack_top, int (*fn)(void*), void* arg);

struct ChildSetup {
    const char* path;
    int ram_file;
};

// The clone()d child. It shares the simulator's memory (and its thread's TLS) until the
// exec, so it is not instrumented and calls nothing but raw system calls.
__attribute__((no_sanitize("address", "thread", "undefined"))) int run_stub_child(void* raw)
{
    auto* setup = static_cast<ChildSetup*>(raw);
    syscall(SYS_setsid);
    if (setup->ram_file != sim::USER_STUB_RAM_FILE)
        syscall(SYS_dup2, setup->ram_file, sim::USER_STUB_RAM_FILE);
    syscall(SYS_fcntl, sim::USER_STUB_RAM_FILE, F_SETFD, 0); // the RAM file is close-on-exec
    syscall(SYS_close_range, 0, sim::USER_STUB_RAM_FILE - 1, 0);
    syscall(SYS_close_range, sim::USER_STUB_RAM_FILE + 1, ~0u, 0);
    if (syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0) != 0)
        syscall(SYS_exit, 126);
    uint64_t no_signals = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &no_signals, nullptr, sizeof no_signals);
    char* argv[] = { const_cast<char*>(setup->path), nullptr };
    char* envp[] = { nullptr };
    syscall(SYS_execve, setup->path, argv, envp);
    syscall(SYS_exit, 127);
    return 127;
}

pid_t clone_stub()
{
    ChildSetup setup { stub_path(), sim::ram().file };
    auto stack = std::make_unique<uint8_t[]>(CHILD_STACK_BYTES);
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    long pid = keel_clone_vm_child(CLONE_VM | CLONE_VFORK | SIGCHLD, stack.get() + CHILD_STACK_BYTES, run_stub_child,
                                   &setup);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (pid < 0) {
        errno = int(-pid);
        return -1;
    }
    return pid_t(pid);
}

int wait_status(pid_t pid)
{
    int status = 0;
    while (waitpid(pid, &status, __WALL) < 0)
        VERIFY(errno == EINTR);
    return status;
}

bool stopped_by_trap(int status)
{
    return WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP;
}

void report_failed_start(const char* why, int status)
{
    if (WIFEXITED(status))
        fprintf(stderr, "keel-sim: cannot start the user stub %s: %s (exit status %d)\n", stub_path(), why,
                WEXITSTATUS(status));
    else
        fprintf(stderr, "keel-sim: cannot start the user stub %s: %s (status 0x%x)\n", stub_path(), why, status);
}

// Every live stub (UserStub::next), changed only by their tracer threads.
std::mutex stubs_mutex;
sim::UserStub* first_stub = nullptr;

void add_to_stubs(sim::UserStub* stub)
{
    std::lock_guard lock(stubs_mutex);
    stub->previous = nullptr;
    stub->next = first_stub;
    if (first_stub)
        first_stub->previous = stub;
    first_stub = stub;
}

void remove_from_stubs(sim::UserStub* stub)
{
    std::lock_guard lock(stubs_mutex);
    (stub->previous ? stub->previous->next : first_stub) = stub->next;
    if (stub->next)
        stub->next->previous = stub->previous;
}

// The stub that runs a program now, 0 when none; see publish_running_user_stub().
std::mutex running_mutex;
pid_t running_pid = 0;

} // namespace

namespace sim {

UserStub* start_user_stub()
{
    pid_t pid = clone_stub();
    if (pid < 0) {
        perror("keel-sim: cannot start a user stub");
        return nullptr;
    }
    int status = wait_status(pid);
    if (!stopped_by_trap(status)) { // the exec failed: the child exited
        report_failed_start("it did not execute", status);
        if (WIFSTOPPED(status)) {
            kill(pid, SIGKILL);
            wait_status(pid);
        }
        return nullptr;
    }
    long options = PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD;
    VERIFY(ptrace(PTRACE_SETOPTIONS, pid, nullptr, reinterpret_cast<void*>(options)) == 0);
    VERIFY(ptrace(PTRACE_CONT, pid, nullptr, nullptr) == 0);
    status = wait_status(pid);
    auto* stub = new UserStub { pid, gettid(), true, false, {}, nullptr, nullptr };
    add_to_stubs(stub);
    if (!stopped_by_trap(status)) {
        report_failed_start("it did not get ready", status);
        if (!WIFSTOPPED(status))
            stub->alive = false;
        stop_user_stub(stub);
        return nullptr;
    }
    return stub;
}

void stop_user_stub(UserStub* stub)
{
    if (!stub)
        return;
    if (stub->alive) {
        kill(stub->pid, SIGKILL);
        int status;
        do
            status = wait_status(stub->pid);
        while (!WIFEXITED(status) && !WIFSIGNALED(status));
    }
    remove_from_stubs(stub);
    delete stub;
}

bool trace_user_stub(UserStub& stub, int request, void* address, void* data)
{
    if (!stub.alive)
        return false;
    VERIFY(gettid() == stub.tracer);
    if (ptrace(__ptrace_request(request), stub.pid, address, data) == 0)
        return true;
    VERIFY(errno == ESRCH); // no longer stopped: it died
    kill(stub.pid, SIGKILL);
    while (stub.alive)
        wait_for_user_stub(stub);
    return false;
}

int wait_for_user_stub(UserStub& stub)
{
    int status = wait_status(stub.pid);
    if (WIFEXITED(status) || WIFSIGNALED(status))
        stub.alive = false;
    return status;
}

long user_stub_syscall(UserStub& stub, long number, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                       uint64_t a4, uint64_t a5)
{
    if (!stub.alive)
        return -ESRCH;
    user_regs_struct registers {};
    registers.rip = USER_STUB_GADGET;
    registers.cs = 0x33;
    registers.ss = 0x2b;
    registers.eflags = 0x202;
    registers.orig_rax = ~0ull; // not in a system call: nothing to restart
    registers.rax = uint64_t(number);
    registers.rdi = a0;
    registers.rsi = a1;
    registers.rdx = a2;
    registers.r10 = a3;
    registers.r8 = a4;
    registers.r9 = a5;
    if (!trace_user_stub(stub, PTRACE_SETREGS, nullptr, &registers))
        return -ESRCH;
    for (;;) {
        if (!trace_user_stub(stub, PTRACE_CONT))
            return -ESRCH;
        int status = wait_for_user_stub(stub);
        if (!stub.alive)
            return -ESRCH;
        // Anything but the gadget's int3 is a late preemption signal: dropped.
        if (!stopped_by_trap(status))
            continue;
        if (!trace_user_stub(stub, PTRACE_GETREGS, nullptr, &registers))
            return -ESRCH;
        VERIFY(registers.rip == USER_STUB_GADGET_END);
        return long(registers.rax);
    }
}

namespace {

// The host's whole XSAVE area (x87, SSE and the AVX, AVX-512, ... parts the host enables;
// CPUID leaf 0xD says how big, well under this) of one stub, read and written with
// PTRACE_GETREGSET / SETREGSET NT_X86_XSTATE. The program runs on the host CPU, so it may
// use every register the host offers, while Keel's UserFpuState keeps the FXSAVE part only.
constexpr size_t HOST_XSTATE_MAX = 16384;
constexpr int NT_X86_XSTATE_NOTE = 0x202; // linux/elf.h's NT_X86_XSTATE

struct HostXstate {
    alignas(64) uint8_t bytes[HOST_XSTATE_MAX];
    size_t size = 0;
};

bool save_xstate(UserStub& stub, HostXstate& state)
{
    iovec vector { state.bytes, sizeof state.bytes };
    if (ptrace(PTRACE_GETREGSET, stub.pid, reinterpret_cast<void*>(uintptr_t(NT_X86_XSTATE_NOTE)), &vector) != 0)
        return false;
    state.size = vector.iov_len;
    return true;
}

bool restore_xstate(UserStub& stub, HostXstate& state)
{
    iovec vector { state.bytes, state.size };
    return ptrace(PTRACE_SETREGSET, stub.pid, reinterpret_cast<void*>(uintptr_t(NT_X86_XSTATE_NOTE)), &vector) == 0;
}

// The signal passed on to the stub's handler, and the code read from its frame.
bool read_error_code(UserStub& stub, uint64_t& error_code)
{
    auto signal = reinterpret_cast<void*>(uintptr_t(SIGSEGV));
    for (;;) {
        if (!trace_user_stub(stub, PTRACE_CONT, nullptr, signal))
            return false;
        int status = wait_for_user_stub(stub);
        if (!stub.alive)
            return false;
        signal = nullptr;
        if (WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP)
            break;
        if (WIFSTOPPED(status) && WSTOPSIG(status) == SIGSEGV)
            return false; // no frame could be written: the stack is not there
        // A late preemption signal: dropped.
    }
    user_regs_struct registers;
    if (!trace_user_stub(stub, PTRACE_GETREGS, nullptr, &registers) || registers.rip != USER_STUB_FAULT_HANDLER_END)
        return false;
    uintptr_t slot = registers.rdx + offsetof(ucontext_t, uc_mcontext.gregs) + REG_ERR * sizeof(greg_t);
    if (slot < USER_STUB_SIGNAL_STACK || slot >= USER_STUB_SIGNAL_STACK + USER_STUB_SIGNAL_STACK_BYTES)
        return false;
    errno = 0;
    long word = ptrace(PTRACE_PEEKDATA, stub.pid, reinterpret_cast<void*>(slot), nullptr);
    if (errno != 0)
        return false;
    error_code = uint64_t(word);
    return true;
}

} // namespace

bool read_page_fault_error(UserStub& stub, uint64_t& error_code)
{
    // The handler starts with a reset FPU: every register, the upper halves of the YMM and
    // ZMM ones too (glibc's AVX memcpy faulting on a new page would lose them), is put back
    // as the program left it once the code is read. Thread-local: one per CPU thread.
    static thread_local HostXstate saved;
    if (!save_xstate(stub, saved))
        return false;
    stub.fpu_known = false;
    bool read = read_error_code(stub, error_code);
    return restore_xstate(stub, saved) && read;
}

void publish_running_user_stub(pid_t pid)
{
    std::lock_guard lock(running_mutex);
    running_pid = pid;
}

void withdraw_running_user_stub()
{
    std::lock_guard lock(running_mutex);
    running_pid = 0;
}

void kick_running_user_stub()
{
    std::lock_guard lock(running_mutex);
    if (running_pid != 0)
        kill(running_pid, PREEMPTION_SIGNAL);
}

} // namespace sim
