// The x87/SSE state of user programs: FXSAVE/FXRSTOR of hal::UserFpuState.
//
// The kernel is built with -mgeneral-regs-only, so it never touches the FPU: the state a
// program left stays loaded while the kernel runs, run_user saves it with FXSAVE at every
// exit (before anything could switch threads) and loads the thread's state with FXRSTOR
// at every entry. No lazy switching (CR0.TS stays clear, so #NM never happens) and no
// XSAVE: Keel offers SSE only, so CR4.OSXSAVE stays clear and CPUID tells programs that
// AVX is unusable (glibc and musl then keep to SSE; one 512-byte area per thread is all
// a context switch moves).
//
// Boot: CR0.EM off (no emulation), CR0.MP on (WAIT honours TS), CR0.NE on (x87 errors
// raise #MF, not an external IRQ 13); CR4.OSFXSR (FXSAVE covers the XMM registers, SSE
// instructions allowed) and CR4.OSXMMEXCPT (unmasked SIMD exceptions raise #XM). FXRSTOR
// faults on MXCSR bits the CPU does not support (the mask FXSAVE reports, 0xFFBF when it
// reports 0), so fpu_load clears them first: the state comes from core, which may have
// taken it from a program's signal frame. Intel SDM vol. 1, 10.5 (FXSAVE layout) and
// 11.6.6 (MXCSR_MASK); Linux's fpu__exception_code for the si_codes.
#include "cpu_registers.hpp"
#include "user_mode.hpp"

namespace hal::x86 {
namespace {

constexpr uint64_t CR0_MONITOR_COPROCESSOR = 1u << 1;
constexpr uint64_t CR0_EMULATION = 1u << 2;
constexpr uint64_t CR0_TASK_SWITCHED = 1u << 3;
constexpr uint64_t CR0_NUMERIC_ERROR = 1u << 5;
constexpr uint64_t CR4_OSFXSR = 1u << 9;
constexpr uint64_t CR4_OSXMMEXCPT = 1u << 10;

constexpr size_t FCW_OFFSET = 0;
constexpr size_t MXCSR_OFFSET = 24;
constexpr size_t MXCSR_MASK_OFFSET = 28;
constexpr uint16_t FCW_DEFAULT = 0x37F;   // every x87 exception masked, 64-bit precision
constexpr uint32_t MXCSR_DEFAULT = 0x1F80; // every SIMD exception masked, round to nearest
constexpr uint32_t MXCSR_MASK_DEFAULT = 0xFFBF;

// si_code values of SIGFPE (Linux's uapi/asm-generic/siginfo.h).
constexpr int FPE_FLTDIV = 3;
constexpr int FPE_FLTOVF = 4;
constexpr int FPE_FLTUND = 5;
constexpr int FPE_FLTRES = 6;
constexpr int FPE_FLTINV = 7;

uint32_t g_mxcsr_mask = MXCSR_MASK_DEFAULT;

uint32_t read32(const UserFpuState& state, size_t offset)
{
    uint32_t value;
    __builtin_memcpy(&value, state.fxsave_area + offset, sizeof(value));
    return value;
}

void write32(UserFpuState& state, size_t offset, uint32_t value)
{
    __builtin_memcpy(state.fxsave_area + offset, &value, sizeof(value));
}

} // namespace

void fpu_init()
{
    write_cr0((read_cr0() & ~(CR0_EMULATION | CR0_TASK_SWITCHED)) | CR0_MONITOR_COPROCESSOR | CR0_NUMERIC_ERROR);
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    asm volatile("fninit" ::: "memory");
    static UserFpuState probe {};
    fpu_save(probe);
    uint32_t mask = read32(probe, MXCSR_MASK_OFFSET);
    g_mxcsr_mask = mask != 0 ? mask : MXCSR_MASK_DEFAULT;
}

void fpu_load(UserFpuState& state)
{
    write32(state, MXCSR_OFFSET, read32(state, MXCSR_OFFSET) & g_mxcsr_mask);
    asm volatile("fxrstor64 %0" : : "m"(state) : "memory");
}

void fpu_save(UserFpuState& state)
{
    asm volatile("fxsave64 %0" : "=m"(state) : : "memory");
}

int fpu_exception_code(bool simd)
{
    uint32_t pending;
    if (simd) {
        uint32_t mxcsr;
        asm volatile("stmxcsr %0" : "=m"(mxcsr));
        pending = ~(mxcsr >> 7) & mxcsr; // the flags (bits 0-5) whose mask (bits 7-12) is clear
    } else {
        uint16_t status;
        uint16_t control;
        asm volatile("fnstsw %0; fnstcw %1" : "=m"(status), "=m"(control));
        pending = status & ~control;
    }
    if (pending & 0x01)
        return FPE_FLTINV;
    if (pending & 0x04)
        return FPE_FLTDIV;
    if (pending & 0x08)
        return FPE_FLTOVF;
    if (pending & 0x12) // denormal operand or underflow
        return FPE_FLTUND;
    if (pending & 0x20)
        return FPE_FLTRES;
    return 0;
}

} // namespace hal::x86

namespace hal {

void user_fpu_reset(UserFpuState& state)
{
    __builtin_memset(state.fxsave_area, 0, sizeof(state.fxsave_area));
    uint16_t control = x86::FCW_DEFAULT;
    __builtin_memcpy(state.fxsave_area + x86::FCW_OFFSET, &control, sizeof(control));
    x86::write32(state, x86::MXCSR_OFFSET, x86::MXCSR_DEFAULT);
}

} // namespace hal
