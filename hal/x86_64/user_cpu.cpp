// What ring 3 needs from the CPU, set up once at boot; and what a program is told about it.
//
// SYSCALL: EFER.SCE turns the instruction on. STAR holds the kernel code selector (0x08;
// SYSCALL takes SS = 0x10 after it) and the base of SYSRET's selectors, 0x10 | 3: a 64-bit
// SYSRET loads SS = base + 8 = 0x1b and CS = base + 16 = 0x23, which is why the GDT has
// user data right before user code. LSTAR is the entry (user_entry.S). FMASK lists the
// RFLAGS bits SYSCALL clears, as Linux's: IF (the entry runs with interrupts off), TF, DF,
// AC (SMAP closed), NT, IOPL, RF, ID and the arithmetic flags.
//
// SMEP and SMAP (CPUID leaf 7, EBX bits 7 and 20) are turned on when the CPU has them:
// then the kernel can neither run user pages nor touch them outside the copy routines,
// which open SMAP with STAC/CLAC (user_copy.S). QEMU's qemu64 has neither; -cpu max has
// both. CR0.AM lets a program ask for alignment checks (RFLAGS.AC), as Linux does. The
// x87/SSE state is user_fpu.cpp's. Intel SDM vol. 3, 5.8.8 (SYSCALL), 4.6 (SMEP,
// SMAP), 2.5 (CR4).
#include "bringup.hpp"
#include "cpu_registers.hpp"
#include "gdt.hpp"
#include "user_mode.hpp"
#include <cpuid.h>

uint8_t keel_smap_enabled;

namespace hal::x86 {
namespace {

constexpr uint32_t MSR_EFER = 0xC000'0080;
constexpr uint32_t MSR_STAR = 0xC000'0081;
constexpr uint32_t MSR_LSTAR = 0xC000'0082;
constexpr uint32_t MSR_FMASK = 0xC000'0084;
constexpr uint64_t EFER_SYSCALL_ENABLE = 1u << 0;

constexpr uint64_t SYSRET_SELECTOR_BASE = 0x10 | 3;
static_assert(SYSRET_SELECTOR_BASE + 8 == USER_DATA_SELECTOR && SYSRET_SELECTOR_BASE + 16 == USER_CODE_SELECTOR);

constexpr uint64_t SYSCALL_CLEARED_FLAGS = RFLAGS_CARRY | RFLAGS_PARITY | RFLAGS_AUXILIARY_CARRY | RFLAGS_ZERO
    | RFLAGS_SIGN | RFLAGS_TRAP | RFLAGS_INTERRUPT_ENABLE | RFLAGS_DIRECTION | RFLAGS_OVERFLOW
    | RFLAGS_IO_PRIVILEGE | RFLAGS_NESTED_TASK | RFLAGS_RESUME | RFLAGS_ALIGNMENT_CHECK | RFLAGS_ID;

constexpr uint64_t CR0_ALIGNMENT_MASK = 1u << 18;
constexpr uint64_t CR4_SMEP = 1u << 20;
constexpr uint64_t CR4_SMAP = 1u << 21;
constexpr uint32_t CPUID_7_EBX_SMEP = 1u << 7;
constexpr uint32_t CPUID_7_EBX_SMAP = 1u << 20;

constexpr uintptr_t USER_ADDRESS_END = 0x7fff'ffff'f000;

void enable_supervisor_protections()
{
    uint32_t eax, ebx, ecx, edx;
    if (__get_cpuid_max(0, nullptr) < 7)
        return;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    uint64_t cr4 = read_cr4();
    if (ebx & CPUID_7_EBX_SMEP)
        cr4 |= CR4_SMEP;
    if (ebx & CPUID_7_EBX_SMAP) {
        cr4 |= CR4_SMAP;
        keel_smap_enabled = 1;
    }
    write_cr4(cr4);
}

} // namespace

void user_mode_init()
{
    write_msr(MSR_EFER, read_msr(MSR_EFER) | EFER_SYSCALL_ENABLE);
    write_msr(MSR_STAR, SYSRET_SELECTOR_BASE << 48 | static_cast<uint64_t>(KERNEL_CODE_SELECTOR) << 32);
    write_msr(MSR_LSTAR, reinterpret_cast<uint64_t>(&keel_syscall_entry));
    write_msr(MSR_FMASK, SYSCALL_CLEARED_FLAGS);
    // A program that sets RFLAGS.AC gets alignment checks (#AC, SIGBUS), as on Linux.
    write_cr0(read_cr0() | CR0_ALIGNMENT_MASK);
    fpu_init();
    enable_supervisor_protections();
}

} // namespace hal::x86

namespace hal {

uintptr_t user_address_end()
{
    return x86::USER_ADDRESS_END;
}

uint64_t user_hardware_capabilities()
{
    uint32_t eax, ebx, ecx, edx;
    __cpuid(1, eax, ebx, ecx, edx);
    return edx;
}

const char* user_platform()
{
    return "x86_64";
}

} // namespace hal
