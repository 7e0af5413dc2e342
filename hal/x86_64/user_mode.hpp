// What the pieces of user mode in hal/x86_64 tell each other (private to hal/x86_64).
//
//   user_cpu.cpp    boot-time setup: SYSCALL MSRs, SSE, SMEP/SMAP; AT_HWCAP and friends
//   user_fpu.cpp    the x87/SSE state: FXSAVE/FXRSTOR, the reset state, #MF/#XM codes
//   user_entry.S    entering ring 3 and the SYSCALL entry
//   user_run.cpp    run_user() and the hal::UserSpace calls
//   user_traps.cpp  interrupts and exceptions that arrive from ring 3
//   user_copy.S/.cpp  the copy routines and their exception table
#pragma once
#include "interrupt_frame.hpp"
#include <hal/user.hpp>
#include <stdint.h>

namespace hal::x86 {

// user_fpu.cpp
void fpu_init();                             // CR0/CR4 bits for SSE, the MXCSR mask
void fpu_load(UserFpuState& state);          // FXRSTOR, after clearing reserved MXCSR bits
void fpu_save(UserFpuState& state);          // FXSAVE
// The si_code of an x87 (#MF) or SIMD (#XM) floating-point exception from the FPU state
// the program left loaded, as Linux computes it; 0 when no unmasked exception is pending.
int fpu_exception_code(bool simd);

// user_traps.cpp: an interrupt or exception from ring 3 (frame.cs & 3): stores the
// program's registers and the exit, runs an IRQ's handler, and returns from the
// keel_user_enter that entered the program.
[[noreturn]] void leave_user_mode(const InterruptFrame& frame);
// user_traps.cpp, for run_user once back on the resume point: the exit leave_user_mode
// stored, and whether an IRQ handler asked for a thread switch (which run_user makes).
UserExit take_trap_exit(bool& reschedule);

// user_copy.cpp: a kernel-mode fault on an instruction of the exception table moves the
// frame's RIP to its fixup and returns true.
bool fix_up_user_access(InterruptFrame& frame);

} // namespace hal::x86

extern "C" {
// user_entry.S
unsigned keel_user_enter(hal::UserRegisters* registers, uint64_t* ring0_stack_slot, bool use_sysret);
[[noreturn]] void keel_user_resume(unsigned how);
void keel_syscall_entry();
extern hal::UserRegisters* keel_user_registers;
// user_cpu.cpp: nonzero when CR4.SMAP is on. user_copy.S and interrupt_entry.S read it to
// decide whether to run STAC/CLAC, which are invalid opcodes on a CPU without SMAP.
extern uint8_t keel_smap_enabled;
}
