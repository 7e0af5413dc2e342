// Linux's x86_64 rt_sigframe: writing it for a handler, reading it back in rt_sigreturn,
// and the alternate stack it may go on (see signal_frame.hpp). The layouts are those of
// Linux's uapi headers (asm/sigcontext.h, asm-generic/ucontext.h, siginfo.h).
#include <proc/process.hpp>
#include <proc/signal_frame.hpp>
#include <proc/user_copy.hpp>
#include <proc/user_thread.hpp>
#include <sync/interrupt_guard.hpp>

namespace proc {
namespace {

struct LinuxSigcontext {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
    uint64_t eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t error_code, trap_number, old_mask, cr2;
    uint64_t fpu_state; // the address of the 512-byte FXSAVE image, 0 for none
    uint64_t reserved[8];
};
static_assert(sizeof(LinuxSigcontext) == 256);

struct LinuxUcontext {
    uint64_t flags;
    uint64_t link;
    LinuxStack stack;
    LinuxSigcontext context;
    SignalSet mask;
};
static_assert(sizeof(LinuxUcontext) == 304);

struct RtSigframe {
    uint64_t return_address;
    LinuxUcontext ucontext;
    LinuxSiginfo info;
};
static_assert(sizeof(RtSigframe) == 440);

constexpr size_t RED_ZONE = 128;
constexpr size_t FPU_STATE_SIZE = sizeof(hal::UserFpuState);
constexpr size_t FPU_STATE_ALIGNMENT = 64;
// uc_flags: the sigcontext's ss is meaningful and restored (Linux 64-bit frames).
constexpr uint64_t UC_SIGCONTEXT_SS = 0x2, UC_STRICT_RESTORE_SS = 0x4;
// The flags a handler's ucontext may change (Linux's FIX_EFLAGS): CF PF AF ZF SF TF DF OF
// RF AC.
constexpr uint64_t CHANGEABLE_FLAGS = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x10000 | 0x40000;
constexpr uint64_t FLAGS_CLEARED_FOR_HANDLER = 0x100 | 0x400 | 0x10000; // TF DF RF
constexpr size_t MXCSR_OFFSET = 24, MXCSR_MASK_OFFSET = 28;
constexpr uint32_t DEFAULT_MXCSR_MASK = 0xffbf;

// The union's fields by their offset in siginfo_t.
template<typename T>
void put(uint8_t* fields, size_t offset, T value)
{
    __builtin_memcpy(fields + offset - 16, &value, sizeof value);
}

template<typename T>
T get(const uint8_t* fields, size_t offset)
{
    T value;
    __builtin_memcpy(&value, fields + offset - 16, sizeof value);
    return value;
}

bool is_fault_signal(int signal)
{
    return signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE || signal == SIGTRAP;
}

} // namespace

// Lays out the union as Linux's siginfo_layout() chooses: codes between SI_USER and
// SI_KERNEL are the kernel's own, by signal (a fault's address, a child's status); a
// negative code (sigqueue, tkill) carries a value; kill and SI_KERNEL only the sender.
LinuxSiginfo linux_siginfo(const SignalInfo& info)
{
    LinuxSiginfo out {};
    out.signal = info.signal;
    out.code = info.code;
    bool kernel_specific = info.code > signal_code::USER && info.code < signal_code::KERNEL;
    if (kernel_specific && is_fault_signal(info.signal)) {
        put<uint64_t>(out.fields, 16, info.address);
        return out;
    }
    put<uint32_t>(out.fields, 16, info.pid);
    put<uint32_t>(out.fields, 20, info.uid);
    if (kernel_specific && info.signal == SIGCHLD) {
        put<int32_t>(out.fields, 24, info.status);
        put<uint64_t>(out.fields, 32, info.user_ticks);
        put<uint64_t>(out.fields, 40, info.system_ticks);
    } else if (info.code < 0) {
        put<uint64_t>(out.fields, 24, info.value);
    }
    return out;
}

SignalInfo signal_info_from_user(int signal, const LinuxSiginfo& info)
{
    return { .signal = signal, .code = info.code, .pid = get<uint32_t>(info.fields, 16),
             .uid = get<uint32_t>(info.fields, 20), .value = get<uint64_t>(info.fields, 24) };
}

namespace {

// The general registers the sigcontext holds: where each is among the thread's registers
// and in the sigcontext. One table serves saving (sigcontext_of) and restoring
// (restore_registers), so the two directions cannot disagree.
struct SavedRegister {
    uint64_t hal::UserRegisters::*thread;
    uint64_t LinuxSigcontext::*context;
};
constexpr SavedRegister GENERAL_REGISTERS[] = {
    { &hal::UserRegisters::r8, &LinuxSigcontext::r8 },   { &hal::UserRegisters::r9, &LinuxSigcontext::r9 },
    { &hal::UserRegisters::r10, &LinuxSigcontext::r10 }, { &hal::UserRegisters::r11, &LinuxSigcontext::r11 },
    { &hal::UserRegisters::r12, &LinuxSigcontext::r12 }, { &hal::UserRegisters::r13, &LinuxSigcontext::r13 },
    { &hal::UserRegisters::r14, &LinuxSigcontext::r14 }, { &hal::UserRegisters::r15, &LinuxSigcontext::r15 },
    { &hal::UserRegisters::rdi, &LinuxSigcontext::rdi }, { &hal::UserRegisters::rsi, &LinuxSigcontext::rsi },
    { &hal::UserRegisters::rbp, &LinuxSigcontext::rbp }, { &hal::UserRegisters::rbx, &LinuxSigcontext::rbx },
    { &hal::UserRegisters::rdx, &LinuxSigcontext::rdx }, { &hal::UserRegisters::rax, &LinuxSigcontext::rax },
    { &hal::UserRegisters::rcx, &LinuxSigcontext::rcx }, { &hal::UserRegisters::rsp, &LinuxSigcontext::rsp },
    { &hal::UserRegisters::rip, &LinuxSigcontext::rip },
};
constexpr size_t GENERAL_REGISTER_COUNT = sizeof GENERAL_REGISTERS / sizeof GENERAL_REGISTERS[0];

// Each register named once on each side, and as many as the sigcontext's slots before
// eflags: a slip in the table is a build error.
constexpr bool names_each_once()
{
    for (size_t i = 0; i < GENERAL_REGISTER_COUNT; ++i) {
        for (size_t j = i + 1; j < GENERAL_REGISTER_COUNT; ++j) {
            if (GENERAL_REGISTERS[i].thread == GENERAL_REGISTERS[j].thread
                || GENERAL_REGISTERS[i].context == GENERAL_REGISTERS[j].context)
                return false;
        }
    }
    return true;
}
static_assert(names_each_once());
static_assert(GENERAL_REGISTER_COUNT * sizeof(uint64_t) == __builtin_offsetof(LinuxSigcontext, eflags));

// The flags and segments are not in the table: the handler sees the flags, cs and ss;
// sigreturn takes back only the flags a program may change, and keeps the segments.
LinuxSigcontext sigcontext_of(const hal::UserRegisters& registers)
{
    LinuxSigcontext context {};
    for (const SavedRegister& saved : GENERAL_REGISTERS)
        context.*saved.context = registers.*saved.thread;
    context.eflags = registers.rflags;
    context.cs = uint16_t(registers.cs);
    context.ss = uint16_t(registers.ss);
    return context;
}

void restore_registers(hal::UserRegisters& registers, const LinuxSigcontext& context)
{
    for (const SavedRegister& saved : GENERAL_REGISTERS)
        registers.*saved.thread = context.*saved.context;
    registers.rflags = (registers.rflags & ~CHANGEABLE_FLAGS) | (context.eflags & CHANGEABLE_FLAGS);
}

// Where the FPU image and the frame go: below the red zone of the interrupted stack, or
// at the top of the alternate stack for SA_ONSTACK when not already on it.
uintptr_t frame_address(const Process& process, const SignalAction& action, uintptr_t sp, uintptr_t& fpu_address)
{
    const AlternateStack& alternate = process.signals.alternate_stack;
    uintptr_t top = sp - RED_ZONE;
    if ((action.flags & action_flags::ON_STACK) && alternate.size != 0 && !alternate.contains(sp))
        top = alternate.base + alternate.size;
    fpu_address = (top - FPU_STATE_SIZE) & ~(FPU_STATE_ALIGNMENT - 1);
    return ((fpu_address - sizeof(RtSigframe)) & ~uintptr_t(15)) - 8;
}

// FXRSTOR faults on reserved MXCSR bits, so a program cannot hand the kernel such a state.
void sanitize(hal::UserFpuState& state, const hal::UserFpuState& current)
{
    uint32_t mask, mxcsr;
    __builtin_memcpy(&mask, current.fxsave_area + MXCSR_MASK_OFFSET, sizeof mask);
    if (mask == 0)
        mask = DEFAULT_MXCSR_MASK;
    __builtin_memcpy(&mxcsr, state.fxsave_area + MXCSR_OFFSET, sizeof mxcsr);
    mxcsr &= mask;
    __builtin_memcpy(state.fxsave_area + MXCSR_OFFSET, &mxcsr, sizeof mxcsr);
    __builtin_memcpy(state.fxsave_area + MXCSR_MASK_OFFSET, &mask, sizeof mask);
}

} // namespace

LinuxStack describe_alternate_stack(const Process& process, uintptr_t sp)
{
    const AlternateStack& alternate = process.signals.alternate_stack;
    LinuxStack stack {};
    stack.base = alternate.base;
    stack.size = alternate.size;
    if (alternate.size == 0)
        stack.flags = STACK_DISABLED;
    else if (alternate.contains(sp))
        stack.flags = STACK_ON;
    if (alternate.auto_disarm)
        stack.flags |= int32_t(STACK_AUTO_DISARM);
    return stack;
}

kstd::Result<void> change_alternate_stack(Process& process, const LinuxStack& stack, uintptr_t sp)
{
    AlternateStack& alternate = process.signals.alternate_stack;
    if (alternate.contains(sp))
        return kstd::Errno::NotPermitted;
    uint32_t flags = uint32_t(stack.flags);
    uint32_t mode = flags & ~STACK_AUTO_DISARM;
    if (mode != 0 && mode != STACK_ON && mode != STACK_DISABLED)
        return kstd::Errno::InvalidArgument;
    if (mode == STACK_DISABLED) {
        alternate = {};
        return {};
    }
    if (stack.size < MINIMUM_SIGNAL_STACK)
        return kstd::Errno::OutOfMemory;
    alternate = { .base = stack.base, .size = stack.size, .auto_disarm = (flags & STACK_AUTO_DISARM) != 0 };
    return {};
}

bool enter_handler(UserThread& thread, const SignalInfo& info, const SignalAction& action, SignalSet saved_mask)
{
    Process& process = *thread.process;
    hal::UserRegisters& registers = thread.registers;
    uintptr_t fpu_address = 0;
    uintptr_t frame_at = frame_address(process, action, registers.rsp, fpu_address);

    RtSigframe frame {};
    frame.return_address = action.restorer;
    frame.ucontext.flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    frame.ucontext.stack = describe_alternate_stack(process, registers.rsp);
    frame.ucontext.context = sigcontext_of(registers);
    frame.ucontext.context.old_mask = saved_mask;
    frame.ucontext.context.fpu_state = fpu_address;
    if (is_fault_signal(info.signal))
        frame.ucontext.context.cr2 = info.address;
    frame.ucontext.mask = saved_mask;
    frame.info = linux_siginfo(info);

    hal::UserFpuState fpu = thread.fpu;
    __builtin_memset(fpu.fxsave_area + 464, 0, sizeof fpu.fxsave_area - 464); // software-reserved
    // x86_64 handlers must return through sa_restorer; without one the frame is unusable.
    if (!(action.flags & action_flags::RESTORER) || proc::copy_to_user(fpu_address, &fpu, sizeof fpu).is_error()
        || proc::copy_to_user(frame_at, &frame, sizeof frame).is_error())
        return false;
    if (process.signals.alternate_stack.auto_disarm && (action.flags & action_flags::ON_STACK))
        process.signals.alternate_stack = {};

    registers.rdi = uint64_t(info.signal);
    registers.rsi = frame_at + __builtin_offsetof(RtSigframe, info);
    registers.rdx = frame_at + __builtin_offsetof(RtSigframe, ucontext);
    registers.rax = 0;
    registers.rsp = frame_at;
    registers.rip = action.handler;
    registers.rflags &= ~FLAGS_CLEARED_FOR_HANDLER;
    hal::user_fpu_reset(thread.fpu);
    return true;
}

bool return_from_handler(UserThread& thread)
{
    hal::UserRegisters& registers = thread.registers;
    uintptr_t frame_at = registers.rsp - sizeof(uint64_t); // the restorer's return popped it
    auto ucontext = read_user<LinuxUcontext>(frame_at + __builtin_offsetof(RtSigframe, ucontext));
    if (ucontext.is_error())
        return false;
    const LinuxUcontext& saved = ucontext.value();
    if (saved.context.fpu_state) {
        auto fpu = read_user<hal::UserFpuState>(saved.context.fpu_state);
        if (fpu.is_error())
            return false;
        hal::UserFpuState restored = fpu.value();
        sanitize(restored, thread.fpu);
        thread.fpu = restored;
    } else {
        hal::user_fpu_reset(thread.fpu);
    }
    uintptr_t sp_at_return = registers.rsp;
    restore_registers(registers, saved.context);
    Process& process = *thread.process;
    {
        ksync::InterruptGuard guard;
        process.signals.blocked = saved.mask & ~UNBLOCKABLE;
    }
    // As Linux: putting back the alternate stack fails quietly while still running on it.
    (void)change_alternate_stack(process, saved.stack, sp_at_return);
    return true;
}

} // namespace proc
