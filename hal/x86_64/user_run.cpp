// hal/user.hpp on x86_64: run_user(), and the address spaces it runs in.
//
// run_user checks what the CPU would choke on in ring 0 (a RIP at or above
// user_address_end() or non-canonical, which SYSRET would fault on with the kernel's
// privileges; a non-canonical FS or GS base, which WRMSR refuses) and answers those with
// a Fault (SIGSEGV, SI_KERNEL) at once, as Linux's IRET to such a RIP would. It keeps the
// RFLAGS bits a program may set (Linux's ptrace FLAG_MASK plus ID, which POPF lets it set
// anyway), forces IF on and IOPL 0, then with interrupts off loads the FS and GS bases
// (WRMSR only when they differ from what is loaded) and the FPU state, and enters ring 3
// (user_entry.S). SYSRET is the fast way in, but it takes RIP from RCX and RFLAGS from
// R11 and cannot restore TF or RF cleanly: it is used when RCX == RIP and R11 == RFLAGS
// (always so after a system call, as Linux's pt_regs show), IRET otherwise.
//
// Back from ring 3 the FPU state is saved first, then the segment registers are checked
// (a program may load FS or GS with a selector of its own: the CPU then uses that
// segment's base, 0 for every Keel segment; the null selector goes back and the base is
// reported as 0) and the exit is taken. A thread switch an IRQ handler asked for happens
// here, on the thread's own stack with interrupts still off, before interrupts go back
// on. User pages are never global, so switching CR3 forgets their translations:
// user_space_unmapped only flushes when the space is the active one.
#include "cpu_registers.hpp"
#include "gdt.hpp"
#include "user_frame.h"
#include "user_mode.hpp"
#include <hal/boot.hpp>
#include <hal/irq.hpp>
#include <kstd/verify.hpp>
#include <stddef.h>

namespace hal {
namespace {

static_assert(offsetof(UserRegisters, r15) == USER_REGISTERS_R15 && offsetof(UserRegisters, r14) == USER_REGISTERS_R14
              && offsetof(UserRegisters, r13) == USER_REGISTERS_R13 && offsetof(UserRegisters, r12) == USER_REGISTERS_R12
              && offsetof(UserRegisters, rbp) == USER_REGISTERS_RBP && offsetof(UserRegisters, rbx) == USER_REGISTERS_RBX
              && offsetof(UserRegisters, r11) == USER_REGISTERS_R11 && offsetof(UserRegisters, r10) == USER_REGISTERS_R10
              && offsetof(UserRegisters, r9) == USER_REGISTERS_R9 && offsetof(UserRegisters, r8) == USER_REGISTERS_R8
              && offsetof(UserRegisters, rax) == USER_REGISTERS_RAX && offsetof(UserRegisters, rcx) == USER_REGISTERS_RCX
              && offsetof(UserRegisters, rdx) == USER_REGISTERS_RDX && offsetof(UserRegisters, rsi) == USER_REGISTERS_RSI
              && offsetof(UserRegisters, rdi) == USER_REGISTERS_RDI
              && offsetof(UserRegisters, orig_rax) == USER_REGISTERS_ORIG_RAX
              && offsetof(UserRegisters, rip) == USER_REGISTERS_RIP
              && offsetof(UserRegisters, rflags) == USER_REGISTERS_RFLAGS
              && offsetof(UserRegisters, rsp) == USER_REGISTERS_RSP);
static_assert(x86::USER_DATA_SELECTOR == USER_DATA_SELECTOR_RPL3 && x86::USER_CODE_SELECTOR == USER_CODE_SELECTOR_RPL3);

using namespace x86;

constexpr uint32_t MSR_FS_BASE = 0xC000'0100;
constexpr uint32_t MSR_GS_BASE = 0xC000'0101;
constexpr uint64_t CR3_ADDRESS_MASK = 0x000f'ffff'ffff'f000;
constexpr uint64_t PAGE_SIZE = 4096;
// Beyond this many pages, user_space_unmapped reloads CR3 instead of invalidating each page.
constexpr size_t MAX_PAGES_INVALIDATED_ONE_BY_ONE = 32;

constexpr uint64_t USER_SETTABLE_FLAGS = RFLAGS_CARRY | RFLAGS_PARITY | RFLAGS_AUXILIARY_CARRY | RFLAGS_ZERO
    | RFLAGS_SIGN | RFLAGS_TRAP | RFLAGS_DIRECTION | RFLAGS_OVERFLOW | RFLAGS_RESUME | RFLAGS_ALIGNMENT_CHECK
    | RFLAGS_ID;

constexpr int SIGSEGV = 11;
constexpr int SI_KERNEL = 0x80;

uint64_t g_loaded_fs_base;
uint64_t g_loaded_gs_base;
bool g_loaded_bases_known; // false until the first load, and after a program reloaded FS or GS

bool is_canonical(uint64_t address)
{
    return static_cast<uint64_t>(static_cast<int64_t>(address << 16) >> 16) == address;
}

uint64_t active_root()
{
    return read_cr3() & CR3_ADDRESS_MASK;
}

void set_user_segments(UserRegisters& registers)
{
    registers.cs = USER_CODE_SELECTOR;
    registers.ss = USER_DATA_SELECTOR;
    registers.ds = registers.es = registers.fs = registers.gs = 0;
}

void load_segment_bases(const UserRegisters& registers)
{
    if (!g_loaded_bases_known || registers.fs_base != g_loaded_fs_base) {
        write_msr(MSR_FS_BASE, registers.fs_base);
        g_loaded_fs_base = registers.fs_base;
    }
    if (!g_loaded_bases_known || registers.gs_base != g_loaded_gs_base) {
        write_msr(MSR_GS_BASE, registers.gs_base);
        g_loaded_gs_base = registers.gs_base;
    }
    g_loaded_bases_known = true;
}

// What the program left in DS, ES, FS and GS: the null selector unless it loaded its own.
void reset_data_segments(UserRegisters& registers)
{
    uint16_t ds, es, fs, gs;
    asm volatile("movw %%ds, %0; movw %%es, %1; movw %%fs, %2; movw %%gs, %3"
                 : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs));
    if ((ds | es | fs | gs) == 0)
        return;
    if (fs != 0)
        registers.fs_base = 0;
    if (gs != 0)
        registers.gs_base = 0;
    asm volatile("movw %w0, %%ds; movw %w0, %%es; movw %w0, %%fs; movw %w0, %%gs" : : "r"(0) : "memory");
    g_loaded_bases_known = false;
}

} // namespace

UserExit run_user(UserSpace& space, UserRegisters& registers, UserFpuState& fpu)
{
    VERIFY(space.root != 0 && active_root() == space.root);
    set_user_segments(registers);
    if (registers.rip >= user_address_end() || !is_canonical(registers.fs_base) || !is_canonical(registers.gs_base))
        return UserExit { .reason = UserExitReason::Fault, .fault_address = 0, .access = {}, .signal = SIGSEGV,
                          .signal_code = SI_KERNEL };
    registers.rflags = (registers.rflags & USER_SETTABLE_FLAGS) | RFLAGS_INTERRUPT_ENABLE | RFLAGS_RESERVED_ONE;
    bool use_sysret = registers.rcx == registers.rip && registers.r11 == registers.rflags
        && (registers.rflags & (RFLAGS_TRAP | RFLAGS_RESUME)) == 0;

    irq_disable();
    load_segment_bases(registers);
    fpu_load(fpu);
    unsigned how = keel_user_enter(&registers, tss_ring0_stack_slot(), use_sysret);
    fpu_save(fpu);
    reset_data_segments(registers);
    set_user_segments(registers);
    bool reschedule = false;
    UserExit exit = how == USER_EXIT_SYSCALL ? UserExit { .reason = UserExitReason::Syscall, .fault_address = 0,
                                                          .access = {}, .signal = 0, .signal_code = 0 }
                                             : take_trap_exit(reschedule);
    if (reschedule)
        kernel_reschedule();
    irq_enable();
    return exit;
}

bool user_space_create(UserSpace& space, uint64_t root)
{
    space.root = root;
    return true;
}

void user_space_destroy(UserSpace& space)
{
    // Its tables are about to be freed: the CPU must not be walking them.
    VERIFY(space.root == 0 || active_root() != space.root);
    space.root = 0;
}

void user_space_unmapped(UserSpace& space, uintptr_t start, size_t length)
{
    if (length == 0 || space.root == 0 || active_root() != space.root)
        return;
    uintptr_t first = start & ~(PAGE_SIZE - 1);
    uintptr_t end = (start + length + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    if ((end - first) / PAGE_SIZE > MAX_PAGES_INVALIDATED_ONE_BY_ONE) {
        write_cr3(read_cr3());
        return;
    }
    for (uintptr_t page = first; page < end; page += PAGE_SIZE)
        asm volatile("invlpg (%0)" : : "r"(page) : "memory");
}

} // namespace hal
