// Panics: the end of the line for a broken invariant or an unhandled CPU exception.
//
// Both paths disable interrupts, paint a report on the console (and so on the serial line):
// what happened, where (file:line, or the faulting instruction), the registers and a
// symbolized frame-pointer backtrace; then the CPU halts. Inside the kernel test runner the
// report is printed without clearing the screen and control goes back to the runner, so a
// should-panic case can pass and the run goes on.
#include <console/print.hpp>
#include <hal/boot.hpp>
#include <hal/cpu.hpp>
#include <hal/debug.hpp>
#include <hal/irq.hpp>
#include <kstd/verify.hpp>
#include <kstd/fixed_string.hpp>
#include <ktest/ktest.hpp>
#include <mm/page_fault.hpp>

using console::Color;
using console::println;

namespace {

bool report_in_progress = false;

// Every line of the report goes to the console (and so to the serial line) and, while a
// kernel test runs, to the runner's copy, so a should-panic case can check the whole report.
template<typename... Args>
void report(console::Style style, kstd::StringView format, const Args&... args)
{
    console::print(style, format, args...);
    if (kstd::Writer* capture = ktest::panic_report_capture())
        kstd::format_to(*capture, format, args...);
}

template<typename... Args>
void report(kstd::StringView format, const Args&... args)
{
    report(console::kernel_console().style(), format, args...);
}

constexpr size_t MAX_BACKTRACE_FRAMES = 12;
constexpr console::Style REPORT_STYLE = console::colors(Color::White, Color::Red);
constexpr console::Style HEADING_STYLE = console::colors(Color::Yellow, Color::Red);

// Starts the report: refuses a panic inside the report itself (then only halting is safe).
void begin_report(kstd::StringView title)
{
    hal::irq_disable();
    if (report_in_progress) {
        for (char c : kstd::StringView("\n*** nested panic while reporting a panic; halting\n"))
            hal::debug_putc(c);
        hal::cpu_halt();
    }
    report_in_progress = true;
    console::Console& console = console::kernel_console();
    if (console.in_full_screen())
        console.end_full_screen(); // the report belongs on the session's screen and terminal
    console.set_style(REPORT_STYLE);
    if (!ktest::is_running_test())
        console.clear();
    report(HEADING_STYLE, "\n{}\n", title);
}

void print_registers(const hal::RegisterSet& registers)
{
    report(HEADING_STYLE, "Registers:\n");
    for (size_t index = 0; index < registers.count; ++index) {
        const auto& reg = registers.registers[index];
        bool end_of_row = index % 3 == 2 || index + 1 == registers.count;
        report(" {:>6}={:016x}{}", reg.name, reg.value, end_of_row ? "\n" : "");
    }
}

// "shell::run(int) const" -> "shell::run": the parameter list rarely fits on the line.
// Only the trailing, balanced list is cut, so "(anonymous namespace)::f(int)" keeps its
// prefix.
kstd::StringView without_parameters(kstd::StringView name)
{
    kstd::StringView rest = name.substring(0, name.find(" [clone")); // compiler clones
    if (rest.ends_with(" const"))
        rest = rest.substring(0, rest.size() - 6);
    if (!rest.ends_with(")"))
        return name;
    int depth = 0;
    for (size_t index = rest.size(); index-- > 0;) {
        if (rest[index] == ')')
            ++depth;
        else if (rest[index] == '(' && --depth == 0)
            return index > 0 ? rest.substring(0, index) : name;
    }
    return name;
}

// `address` is where execution resumes; for a return address (every frame but the first)
// the call is the instruction before it, which matters when a call to a [[noreturn]]
// function is the last instruction of its caller.
void print_frame(size_t depth, uintptr_t address, bool is_return_address)
{
    hal::Symbol symbol;
    if (hal::symbolize(is_return_address ? address - 1 : address, symbol)) {
        kstd::StringView name = without_parameters(symbol.name).substring(0, 46);
        report(" #{:<2} {:#018x} {}+{:#x}\n", depth, address, name, symbol.offset + (is_return_address ? 1 : 0));
    } else {
        report(" #{:<2} {:#018x} ?\n", depth, address);
    }
}

void print_backtrace(const hal::RegisterSet& registers)
{
    report(HEADING_STYLE, "Backtrace:\n");
    uintptr_t frames[MAX_BACKTRACE_FRAMES];
    size_t depth = 0;
    if (registers.instruction_pointer)
        print_frame(depth++, registers.instruction_pointer, false);
    size_t count = hal::backtrace(registers.frame_pointer, frames, MAX_BACKTRACE_FRAMES - 1);
    for (size_t index = 0; index < count; ++index)
        print_frame(depth++, frames[index], true);
}

// `what` (the message, or the exception's name) goes to the test runner, if one is running.
[[noreturn]] void end_report(kstd::StringView what, const hal::RegisterSet& registers)
{
    print_registers(registers);
    print_backtrace(registers);
    report_in_progress = false;
    if (ktest::is_running_test())
        ktest::abandon_running_test_after_panic(what);
    println(HEADING_STYLE, "The system is halted.");
    hal::cpu_halt();
}

} // namespace

namespace kstd {

void panic_at(const char* file, int line, const char* message)
{
    begin_report("KERNEL PANIC");
    report("{}\n", message);
    report("  at {}:{}\n", file, line);
    hal::RegisterSet registers;
    hal::capture_registers(registers);
    end_report(message, registers);
}

} // namespace kstd

namespace {

constexpr size_t MAX_TRAP_SUMMARY = 160;

// A trap caused by running off a kernel stack: the fault address (a page fault the CPU
// could deliver) is in a guard page, or the stack pointer is (a double fault: the CPU could
// not push the page fault's frame), or sits right at the bottom of a stack, where the
// failed push would have gone into the guard page.
kstd::Optional<kstd::StringView> overflowed_stack(const hal::Trap& trap)
{
    if (trap.has_fault_address)
        if (auto name = mm::stack_overflow_name(trap.fault_address))
            return name;
    if (auto name = mm::stack_overflow_name(trap.registers.stack_pointer))
        return name;
    return mm::stack_overflow_name(trap.registers.stack_pointer - 1);
}

} // namespace

void kernel_trap(const hal::Trap& trap)
{
    begin_report("CPU EXCEPTION");
    report("{} (vector {})\n", trap.name, trap.vector);
    if (trap.has_error_code)
        report("  error code {:#x}\n", trap.error_code);
    kstd::FixedString<MAX_TRAP_SUMMARY> explanation;
    if (trap.is_page_fault) {
        mm::explain_fault(explanation, trap.fault_address, trap.access);
        report("  {}\n", explanation.view());
    } else if (trap.has_fault_address) {
        report("  fault address {:#018x}\n", trap.fault_address);
    }
    report("  at instruction {:#018x}\n", trap.registers.instruction_pointer);
    kstd::Optional<kstd::StringView> stack = overflowed_stack(trap);
    if (stack)
        report("  kernel stack overflow: stack '{}' ran into its guard page\n", stack.value());

    // What a test runner is told: that a stack overflowed, or the exception's name with the
    // page fault's access and the region it hit or missed.
    kstd::FixedString<MAX_TRAP_SUMMARY> summary;
    if (stack)
        summary.write("kernel stack overflow");
    else if (trap.is_page_fault)
        kstd::format_to(summary, "{}: {}", trap.name, explanation.view());
    else
        summary.write(trap.name);
    end_report(summary.view(), trap.registers);
}
