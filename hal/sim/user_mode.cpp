// run_user() in the sim: the program runs in its address space's stub process, traced with
// PTRACE_SYSEMU, so every system call it makes stops it unexecuted.
//
// One run: the registers go into the stub (PTRACE_SETREGS, always in user mode's cs and ss
// with the user-changeable flags; orig_rax -1, so the host never restarts a system call),
// the FPU state too unless the stub already holds it (PTRACE_SETFPREGS), the stub is
// resumed with PTRACE_SYSEMU and the CPU thread waits for its next stop:
//   - a system-call stop: a Syscall exit. The host already put rip past the instruction,
//     rcx and r11 hold what `syscall` leaves there, orig_rax the number, rax -ENOSYS. An
//     `int $0x80` or `sysenter` (a 32-bit call: rcx is not the return rip) is a general
//     protection fault at the instruction, as Keel has no 32-bit system calls.
//   - SIGSEGV for a missing page (SEGV_MAPERR): the stub's memory is filled on demand from
//     core's tables. If the page is present and User there, the RAM file's page is mapped
//     into the stub (an injected mmap, MAP_SHARED | MAP_FIXED, readable, writable if the
//     entry is, executable unless NX) and the program resumes without the signal.
//     Otherwise it is a PageFault exit for core to resolve. Ptrace does not tell which
//     access it was, so the signal is passed on to the stub, whose handler stops on an
//     int3 with the x86 error code in the signal frame (user_stub.hpp).
//   - SIGSEGV on a mapped page (SEGV_ACCERR): a write (or, at rip, a fetch) the stub's
//     mapping forbids. If core's entry allows it by now (core granted more and did not need
//     to say so), the page is mapped again and the program resumes; otherwise a PageFault
//     exit with `protection` set.
//   - other faults (SIGSEGV with SI_KERNEL for a general protection fault, SIGBUS, SIGFPE,
//     SIGILL, SIGTRAP from int3 or the trap flag) are Fault exits with the host's signal,
//     si_code and si_addr, which are Linux's.
//   - a signal someone sent (raise_irq()'s PREEMPTION_SIGNAL, or another): an Interrupt
//     exit.
// Every host signal is suppressed: the stub never handles one. The interrupt flag is off
// while the CPU thread talks to the stub (IRQs then interrupt the stub instead: see
// user_stub.hpp) and goes back on at the end, which delivers pending IRQs, so their
// handlers, and a thread switch they ask for, have run when run_user returns.
//
// If the stub is gone (the host killed it), every run ends in a Fault exit with SIGKILL.
#include "interrupt_controller.hpp"
#include "user_pages.hpp"
#include "user_stub.hpp"
#include "ram.hpp"
#include "x86_64_abi/page_fault_error.hpp"
#include <sim_machine.hpp>

#include <kstd/verify.hpp>

#include <csignal>
#include <cstring>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>

namespace {

constexpr uint64_t PAGE_BYTES = 4096;
constexpr uint64_t USER_CODE_SELECTOR = 0x33;
constexpr uint64_t USER_DATA_SELECTOR = 0x2b;
// CF PF AF ZF SF TF DF OF AC: what a program may change (POPF, Linux's ptrace).
constexpr uint64_t USER_FLAGS = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x40000;
constexpr uint64_t RESERVED_FLAG = 0x2;
constexpr uint64_t INTERRUPT_FLAG = 0x200;
// The host's highest user address plus one (TASK_SIZE_MAX): fs_base and gs_base must be
// below it.
constexpr uint64_t HOST_TASK_SIZE = 0x7fff'ffff'f000;
constexpr int MXCSR_OFFSET = 24;

static_assert(sizeof(hal::UserRegisters) == sizeof(user_regs_struct));
static_assert(sizeof(hal::UserFpuState) == sizeof(user_fpregs_struct));

hal::UserExit exit_with(hal::UserExitReason reason)
{
    return hal::UserExit { reason, 0, {}, 0, 0 };
}

hal::UserExit fault_exit(int signal, int code, uintptr_t address)
{
    return hal::UserExit { hal::UserExitReason::Fault, address, {}, signal, code };
}

hal::UserExit page_fault_exit(uintptr_t address, hal::PageFaultAccess access)
{
    return hal::UserExit { hal::UserExitReason::PageFault, address, access, 0, 0 };
}

hal::UserExit stub_died()
{
    return fault_exit(SIGKILL, SI_KERNEL, 0);
}

bool canonical(uint64_t address)
{
    return uint64_t(int64_t(address << 16) >> 16) == address;
}

user_regs_struct host_registers(const hal::UserRegisters& registers)
{
    user_regs_struct host;
    memcpy(&host, &registers, sizeof host);
    host.cs = USER_CODE_SELECTOR;
    host.ss = USER_DATA_SELECTOR;
    host.ds = host.es = host.fs = host.gs = 0;
    host.eflags = (registers.rflags & USER_FLAGS) | RESERVED_FLAG | INTERRUPT_FLAG;
    host.orig_rax = ~0ull;
    // The host refuses a base it would not let the program have (a program may have set
    // one with wrfsbase, which the host CPU allows): none then.
    if (host.fs_base >= HOST_TASK_SIZE)
        host.fs_base = 0;
    if (host.gs_base >= HOST_TASK_SIZE)
        host.gs_base = 0;
    return host;
}

void store_registers(const user_regs_struct& host, hal::UserRegisters& registers)
{
    memcpy(&registers, &host, sizeof registers);
    registers.cs = USER_CODE_SELECTOR;
    registers.ss = USER_DATA_SELECTOR;
}

bool load_fpu(sim::UserStub& stub, const hal::UserFpuState& fpu)
{
    if (stub.fpu_known && memcmp(&stub.fpu, &fpu, sizeof fpu) == 0)
        return true;
    stub.fpu = fpu;
    // The host refuses MXCSR bits the CPU lacks (like FXRSTOR); a program cannot set them.
    uint32_t mxcsr;
    memcpy(&mxcsr, stub.fpu.fxsave_area + MXCSR_OFFSET, sizeof mxcsr);
    mxcsr &= 0xffff;
    memcpy(stub.fpu.fxsave_area + MXCSR_OFFSET, &mxcsr, sizeof mxcsr);
    stub.fpu_known = sim::trace_user_stub(stub, PTRACE_SETFPREGS, nullptr, &stub.fpu);
    return stub.fpu_known;
}

bool store_fpu(sim::UserStub& stub, hal::UserFpuState& fpu)
{
    stub.fpu_known = sim::trace_user_stub(stub, PTRACE_GETFPREGS, nullptr, &stub.fpu);
    if (stub.fpu_known)
        fpu = stub.fpu;
    return stub.fpu_known;
}

// Maps the page holding `address` into the stub as core's tables have it, if they allow
// the access: for_write / for_execute say what it must allow (neither: any present page).
// false when they do not (a PageFault for core).
bool map_from_tables(sim::UserStub& stub, uint64_t root, uintptr_t address, bool for_write, bool for_execute)
{
    hal::x86::PageLookup page = sim::lookup_user_page(root, address);
    if (!page.present || (for_write && !page.writable) || (for_execute && !page.executable))
        return false;
    uint64_t frame = page.physical & ~(PAGE_BYTES - 1);
    VERIFY(sim::in_ram(frame, PAGE_BYTES));
    int protection = PROT_READ | (page.writable ? PROT_WRITE : 0) | (page.executable ? PROT_EXEC : 0);
    uintptr_t start = address & ~(PAGE_BYTES - 1);
    long mapped = sim::user_stub_syscall(stub, SYS_mmap, start, PAGE_BYTES, protection, MAP_SHARED | MAP_FIXED,
                                         sim::USER_STUB_RAM_FILE, frame - sim::RAM_PHYSICAL_BASE);
    // The host may run out of mappings (vm.max_map_count) or memory: nothing to go on with.
    VERIFY(mapped == long(start) || !stub.alive);
    return stub.alive;
}

enum class Step : uint8_t {
    Resume, // the stop was dealt with: run the program on
    Exit,   // `exit` says why run_user returns
};

// The state of one run_user call across the stub's stops.
struct Run {
    sim::UserStub& stub;
    uint64_t root;
    user_regs_struct host;        // the program's registers
    hal::UserFpuState& fpu;       // the caller's
    bool fpu_stored = false;      // whether `fpu` already holds the program's state
    uintptr_t last_mapped = ~uintptr_t(0);
};

// The access a page fault made. Whether the page was there is the si_code (the stub's
// mapping was, or was not, there; the host's own page-table entry may not be yet, so the
// error code's P bit says nothing). Whether it was a write or a fetch is the host's error
// code, which takes passing the signal on to the stub (user_stub.hpp); the program's FPU
// state is saved first. Without it, a guess: a fetch at rip, else a write where the page
// was there, a read where it was not.
hal::PageFaultAccess fault_access(Run& run, uintptr_t address, bool present)
{
    bool execute = address == run.host.rip;
    hal::PageFaultAccess access { present && !execute, execute, true, present };
    run.fpu_stored = store_fpu(run.stub, run.fpu);
    uint64_t error_code;
    if (run.fpu_stored && sim::read_page_fault_error(run.stub, error_code)) {
        hal::PageFaultAccess decoded = hal::x86::decode_page_fault(error_code, true);
        access.write = decoded.write;
        access.execute = decoded.execute;
    }
    return access;
}

// A SIGSEGV the program took at `address` with the host's si_code.
Step on_segmentation_fault(Run& run, int code, uintptr_t address, hal::UserExit& exit)
{
    bool execute = address == run.host.rip;
    if (code == SEGV_MAPERR || code == SEGV_ACCERR) {
        bool present = code == SEGV_ACCERR;
        bool write = present && !execute;
        if (address != run.last_mapped
            && map_from_tables(run.stub, run.root, address, write, present && execute)) {
            // Mapped as the tables say: the same fault again would be a simulator bug.
            run.last_mapped = address;
            return Step::Resume;
        }
        hal::PageFaultAccess access = run.stub.alive ? fault_access(run, address, present) : hal::PageFaultAccess {};
        exit = run.stub.alive ? page_fault_exit(address, access) : stub_died();
        return Step::Exit;
    }
    // A general protection fault (SI_KERNEL: a non-canonical or privileged access) and
    // anything else: a fault as the host reports it.
    exit = fault_exit(SIGSEGV, code, code == SI_KERNEL ? 0 : address);
    return Step::Exit;
}

// What the stop `status` of a stub running the program means.
Step on_stop(Run& run, int status, hal::UserExit& exit)
{
    sim::UserStub& stub = run.stub;
    user_regs_struct& host = run.host;
    exit = stub_died();
    if (!stub.alive || !WIFSTOPPED(status) || !sim::trace_user_stub(stub, PTRACE_GETREGS, nullptr, &host))
        return Step::Exit;
    int signal = WSTOPSIG(status);
    if (signal == (SIGTRAP | 0x80)) {
        // `syscall` leaves the return address in rcx; int $0x80 and sysenter (2 bytes each)
        // do not, and fault at the instruction on x86_64 Keel.
        if (host.rcx == host.rip) {
            exit = exit_with(hal::UserExitReason::Syscall);
        } else {
            host.rip -= 2;
            exit = fault_exit(SIGSEGV, SI_KERNEL, 0);
        }
        return Step::Exit;
    }
    siginfo_t info {};
    if (!sim::trace_user_stub(stub, PTRACE_GETSIGINFO, nullptr, &info))
        return Step::Exit;
    if (info.si_code <= 0) { // sent by a process (SI_USER, SI_TKILL, SI_QUEUE): preemption
        exit = exit_with(hal::UserExitReason::Interrupt);
        return Step::Exit;
    }
    auto address = reinterpret_cast<uintptr_t>(info.si_addr);
    switch (signal) {
    case SIGSEGV:
        return on_segmentation_fault(run, info.si_code, address, exit);
    case SIGBUS:
    case SIGFPE:
    case SIGILL:
    case SIGTRAP:
        exit = fault_exit(signal, info.si_code, info.si_code == SI_KERNEL ? 0 : address);
        return Step::Exit;
    default: // a signal the host raised for no fault of the program (SIGXCPU, ...)
        exit = exit_with(hal::UserExitReason::Interrupt);
        return Step::Exit;
    }
}

hal::UserExit run_in_stub(sim::UserStub& stub, uint64_t root, hal::UserRegisters& registers,
                          hal::UserFpuState& fpu)
{
    Run run { stub, root, host_registers(registers), fpu };
    if (!load_fpu(stub, fpu))
        return stub_died();
    hal::UserExit exit;
    for (;;) {
        if (!sim::trace_user_stub(stub, PTRACE_SETREGS, nullptr, &run.host))
            return stub_died();
        sim::publish_running_user_stub(stub.pid);
        if (sim::irq_deliverable()) {
            sim::withdraw_running_user_stub();
            exit = exit_with(hal::UserExitReason::Interrupt);
            break;
        }
        bool resumed = sim::trace_user_stub(stub, PTRACE_SYSEMU);
        int status = resumed ? sim::wait_for_user_stub(stub) : 0;
        sim::withdraw_running_user_stub();
        if (!resumed)
            return stub_died();
        if (on_stop(run, status, exit) == Step::Exit)
            break;
        run.host.orig_rax = ~0ull;
    }
    if (!stub.alive || (!run.fpu_stored && !store_fpu(stub, fpu)))
        return stub_died();
    store_registers(run.host, registers);
    return exit;
}

} // namespace

namespace hal {

UserExit run_user(UserSpace& space, UserRegisters& registers, UserFpuState& fpu)
{
    VERIFY(space.stub);
    if (!canonical(registers.rip) || registers.rip >= user_address_end()) {
        registers.cs = USER_CODE_SELECTOR;
        registers.ss = USER_DATA_SELECTOR;
        return fault_exit(SIGSEGV, SI_KERNEL, 0);
    }
    if (!space.stub->alive)
        return stub_died();
    IrqState interrupts = irq_save();
    UserExit exit = run_in_stub(*space.stub, space.root, registers, fpu);
    irq_restore(interrupts);
    return exit;
}

} // namespace hal
