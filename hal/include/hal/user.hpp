// HAL: running a thread in user mode, and reaching user memory from the kernel.
//
// Core owns everything about a process (its regions, its page tables, its files); the
// HAL only runs it. A user thread is a kernel thread that calls run_user() in a loop:
// each call enters user mode in the given address space with the given registers and
// comes back with a UserExit when the program makes a system call, faults, or an
// interrupt arrives. Core handles the exit in ordinary thread context (it may block)
// and calls run_user() again. So system calls, page faults and preemption of a user
// program all come back to one loop (core/proc), on both targets:
//   - x86_64: ring 3 through sysret/iret; syscall, exceptions and IRQs from ring 3 land
//     on the thread's kernel stack (the TSS's RSP0 is set by each run_user) and return
//     from run_user.
//   - sim: each UserSpace is a host process, a tiny stub traced with PTRACE_SYSEMU whose
//     memory is the RAM memfd mapped on demand from core's page tables (see hal/sim).
//
// Address spaces: core builds the page tables (core/mm) with Protection::User leaves in
// the lower half, and tells the HAL about each one here (user_space_create) and about
// every change that removes or reduces a user mapping (user_space_unmapped: x86_64
// flushes the TLB, the sim unmaps the page in its stub, which refaults).
//
// User memory is touched by the kernel only through the copy routines below: x86_64 runs
// them with SMAP opened (stac/clac) when the CPU has it, and recovers from a fault in
// them through an exception table; the sim walks core's page tables. Neither resolves
// faults: core makes the pages present first (demand zero, copy on write) and treats a
// false return as EFAULT.
#pragma once
#include <hal/arch/user_space.hpp>
#include <hal/debug.hpp>
#include <stddef.h>
#include <stdint.h>

namespace hal {

// The user-mode registers in the order of Linux's struct user_regs_struct on x86_64 (what
// PTRACE_GETREGS fills), so a frame reads the same on both targets. run_user() ignores
// cs, ss, ds, es, fs, gs and the privileged bits of rflags (it always enters ring 3 with
// interrupts on, IOPL 0); it sets them to user mode's values on every exit.
struct UserRegisters {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t orig_rax; // at a Syscall exit: the system call number (rax is then -ENOSYS)
    uint64_t rip, cs, rflags, rsp, ss;
    uint64_t fs_base, gs_base;
    uint64_t ds, es, fs, gs;
};
static_assert(sizeof(UserRegisters) == 27 * 8);

// A thread's x87/SSE state in the FXSAVE layout (Intel SDM vol. 1, 10.5.1): 512 bytes,
// the same as Linux's struct user_fpregs_struct. Keel offers no AVX (no XSAVE), so
// CPUID's OSXSAVE bit stays clear and programs use SSE only.
struct alignas(16) UserFpuState {
    uint8_t fxsave_area[512];
};
// The state a new program starts in: FCW 0x37F, MXCSR 0x1F80, every register zero.
void user_fpu_reset(UserFpuState& state);

enum class UserExitReason : uint8_t {
    // The program executed `syscall`: number in orig_rax, arguments in rdi, rsi, rdx, r10,
    // r8, r9; rip is past the instruction. Core puts the result in rax.
    Syscall,
    // A page fault at fault_address (`access` says what it was, with access.user set). The
    // program retries the access when it next runs.
    PageFault,
    // Any other exception: `signal` and `signal_code` are what Linux would deliver
    // (SIGSEGV/SI_KERNEL for a general protection fault, SIGFPE/FPE_INTDIV, SIGILL/
    // ILL_ILLOPN, SIGTRAP, SIGBUS...), fault_address the si_addr (0 when none).
    Fault,
    // An interrupt arrived while the program ran. Its handler (and any thread switch it
    // asked for) has run by the time run_user returns; nothing more is required.
    Interrupt,
};

struct UserExit {
    UserExitReason reason;
    uintptr_t fault_address;  // PageFault, Fault
    PageFaultAccess access;   // PageFault
    int signal;               // Fault: Linux signal number
    int signal_code;          // Fault: Linux si_code
};

// The machine side of a user address space (hal/arch/user_space.hpp): on x86_64 its root;
// in the sim also the stub process. false when the machine cannot make one (the sim:
// the stub could not be started); the UserSpace is then empty.
bool user_space_create(UserSpace& space, uint64_t root);
void user_space_destroy(UserSpace& space);
// Core just removed, or reduced the protection of, the user mappings in
// [start, start + length) of `space`'s tables: forget any cached translation of them.
void user_space_unmapped(UserSpace& space, uintptr_t start, size_t length);

// Runs the calling thread in user mode in `space` (whose tables must be the active ones,
// see mmu_activate) from `registers` and `fpu` until the next exit, then stores the
// program's registers and FPU state back into them. Called and returns with interrupts
// enabled. A non-canonical rip, or one at or above user_address_end(), is not entered: it
// comes back at once as a Fault (SIGSEGV, SI_KERNEL), as on Linux.
UserExit run_user(UserSpace& space, UserRegisters& registers, UserFpuState& fpu);

// --- User memory of the active address space ---
// Each returns false when some byte could not be reached as asked (not mapped, not user,
// read-only for a write, at or above user_address_end()); a prefix may have been copied.
[[nodiscard]] bool copy_from_user(void* destination, uintptr_t source, size_t length);
[[nodiscard]] bool copy_to_user(uintptr_t destination, const void* source, size_t length);
// Copies a NUL-terminated string of at most `capacity` bytes (its NUL included) into
// `destination`. Returns its length without the NUL; `capacity` when no NUL came within
// it (the caller answers ENAMETOOLONG or E2BIG); -1 on a fault.
long copy_string_from_user(char* destination, uintptr_t source, size_t capacity);

// The first address above user space: x86_64 0x7fff'ffff'f000 (Linux's TASK_SIZE_MAX: the
// last lower-half page stays unmapped so `syscall` can never return to a non-canonical
// address); lower in the sim, whose stub lives above it.
uintptr_t user_address_end();
// What AT_HWCAP and AT_PLATFORM tell a program: CPUID.1:EDX, and "x86_64".
uint64_t user_hardware_capabilities();
const char* user_platform();

} // namespace hal
