// Turns a CPU exception into a hal::Trap for core's kernel_trap(), which reports it.
//
// Only faults in kernel mode come here (user_traps.cpp takes those from ring 3). A page
// fault is first offered to core's kernel_page_fault() (a demand-zero page is mapped there
// and the faulting instruction simply runs again); only a fault core cannot resolve is
// reported. The error code's bits say what the access was (SDM vol. 3, 4.7). A fault at a
// user address is not offered: the kernel reaches user memory only through the copy
// routines, whose faults their exception table catches first (user_copy.cpp), so anything
// else there (above the null page) is reported as "kernel touched user memory outside the
// copy routines".
//
// The Trap carries the exception's name and vector, the error code when the CPU pushes
// one, CR2 for page faults, and the interrupted registers: RAX..R15, RIP, RSP, RFLAGS,
// CS, CR2, CR3. Its frame pointer is the interrupted RBP, so core's backtrace starts in
// the function that faulted. Vectors outside 0-31 that are not PIC lines also land here,
// as "Unexpected Interrupt" (nothing should raise them). Names: Intel SDM vol. 3, 6.3.1.
#include "cpu_registers.hpp"
#include "interrupt_frame.hpp"
#include "interrupt_vectors.h"
#include "x86_64_abi/page_fault_error.hpp"
#include <hal/boot.hpp>
#include <hal/user.hpp>

namespace hal::x86 {
namespace {

constexpr unsigned VECTOR_PAGE_FAULT = 14;
constexpr uint64_t NULL_PAGE_END = 4096;

constexpr const char* EXCEPTION_NAMES[EXCEPTION_COUNT] = {
    "Divide Error", "Debug", "Non-Maskable Interrupt", "Breakpoint", "Overflow",
    "Bound Range Exceeded", "Invalid Opcode", "Device Not Available", "Double Fault",
    "Coprocessor Segment Overrun", "Invalid TSS", "Segment Not Present",
    "Stack-Segment Fault", "General Protection Fault", "Page Fault", "Reserved (15)",
    "x87 Floating-Point Error", "Alignment Check", "Machine Check", "SIMD Floating-Point Error",
    "Virtualization Exception", "Control Protection Exception", "Reserved (22)",
    "Reserved (23)", "Reserved (24)", "Reserved (25)", "Reserved (26)", "Reserved (27)",
    "Hypervisor Injection Exception", "VMM Communication Exception", "Security Exception",
    "Reserved (31)",
};

void add_register(RegisterSet& registers, const char* name, uint64_t value)
{
    if (registers.count < RegisterSet::MAX_REGISTERS)
        registers.registers[registers.count++] = { name, value };
}

bool is_user_address(uint64_t address)
{
    return address < user_address_end();
}

} // namespace

bool resolve_page_fault(const InterruptFrame& frame)
{
    if (frame.vector != VECTOR_PAGE_FAULT)
        return false;
    uint64_t address = read_cr2();
    return !is_user_address(address) && kernel_page_fault(address, decode_page_fault(frame.error_code, true));
}

void report_trap(const InterruptFrame& frame)
{
    Trap trap {};
    bool is_exception = frame.vector < EXCEPTION_COUNT;
    trap.name = is_exception ? EXCEPTION_NAMES[frame.vector] : "Unexpected Interrupt";
    trap.vector = frame.vector;
    trap.has_error_code = is_exception && KEEL_VECTOR_HAS_ERROR_CODE(frame.vector);
    trap.error_code = frame.error_code;
    uint64_t cr2 = read_cr2();
    trap.has_fault_address = frame.vector == VECTOR_PAGE_FAULT;
    trap.fault_address = trap.has_fault_address ? cr2 : 0;
    trap.is_page_fault = trap.has_fault_address;
    if (trap.is_page_fault) {
        trap.access = decode_page_fault(frame.error_code, true);
        if (cr2 >= NULL_PAGE_END && is_user_address(cr2))
            trap.name = "Page Fault (kernel touched user memory outside the copy routines)";
    }

    RegisterSet& registers = trap.registers;
    add_register(registers, "RAX", frame.rax);
    add_register(registers, "RBX", frame.rbx);
    add_register(registers, "RCX", frame.rcx);
    add_register(registers, "RDX", frame.rdx);
    add_register(registers, "RSI", frame.rsi);
    add_register(registers, "RDI", frame.rdi);
    add_register(registers, "RBP", frame.rbp);
    add_register(registers, "RSP", frame.rsp);
    add_register(registers, "R8", frame.r8);
    add_register(registers, "R9", frame.r9);
    add_register(registers, "R10", frame.r10);
    add_register(registers, "R11", frame.r11);
    add_register(registers, "R12", frame.r12);
    add_register(registers, "R13", frame.r13);
    add_register(registers, "R14", frame.r14);
    add_register(registers, "R15", frame.r15);
    add_register(registers, "RIP", frame.rip);
    add_register(registers, "RFLAGS", frame.rflags);
    add_register(registers, "CS", frame.cs);
    add_register(registers, "CR2", cr2);
    add_register(registers, "CR3", read_cr3());
    registers.instruction_pointer = frame.rip;
    registers.frame_pointer = frame.rbp;
    registers.stack_pointer = frame.rsp;

    kernel_trap(trap);
}

} // namespace hal::x86
