/*
 * What user_entry.S and the C++ side must agree on about entering and leaving ring 3.
 *
 * Included by the assembler (user_entry.S is preprocessed) and by C++ (user_run.cpp, which
 * checks every offset against hal::UserRegisters with static_assert), so it holds only
 * #defines that read the same to both. USER_REGISTERS_* are byte offsets into
 * hal::UserRegisters (Linux's user_regs_struct order); USER_EXIT_* are what
 * keel_user_enter returns.
 */
#pragma once

#define USER_REGISTERS_R15 0
#define USER_REGISTERS_R14 8
#define USER_REGISTERS_R13 16
#define USER_REGISTERS_R12 24
#define USER_REGISTERS_RBP 32
#define USER_REGISTERS_RBX 40
#define USER_REGISTERS_R11 48
#define USER_REGISTERS_R10 56
#define USER_REGISTERS_R9 64
#define USER_REGISTERS_R8 72
#define USER_REGISTERS_RAX 80
#define USER_REGISTERS_RCX 88
#define USER_REGISTERS_RDX 96
#define USER_REGISTERS_RSI 104
#define USER_REGISTERS_RDI 112
#define USER_REGISTERS_ORIG_RAX 120
#define USER_REGISTERS_RIP 128
#define USER_REGISTERS_RFLAGS 144
#define USER_REGISTERS_RSP 152

/* The selectors of gdt.hpp with RPL 3 (user data 0x18, user code 0x20). */
#define USER_DATA_SELECTOR_RPL3 0x1b
#define USER_CODE_SELECTOR_RPL3 0x23

/* The program executed `syscall`: the entry stored its registers itself. */
#define USER_EXIT_SYSCALL 0
/* An interrupt or exception: user_traps.cpp stored the registers and the exit. */
#define USER_EXIT_TRAP 1

/* What the entry leaves in rax at a system call exit, as Linux does: -ENOSYS. */
#define USER_SYSCALL_DEFAULT_RESULT (-38)
