// In-kernel should-panic tests: broken invariants and CPU exceptions end in a panic report.
#include <hal/boot.hpp>
#include <kstd/panic.hpp>
#include <ktest/ktest.hpp>

KTEST_SHOULD_PANIC(verify_failure_panics, "VERIFY(answer == 42) failed")
{
    volatile int answer = 41;
    VERIFY(answer == 42);
}

KTEST_SHOULD_PANIC(panic_macro_formats_and_panics, "deliberate panic number 7")
{
    PANIC("deliberate panic number {}", 7);
}

// The sim's test build runs under ASan and UBSan, which would report these faults
// themselves; the point here is the CPU's own exception, so the faulting instructions are
// compiled without sanitizer checks.
[[gnu::no_sanitize("address", "undefined"), gnu::noinline]] static int divide(int dividend, int divisor)
{
    return dividend / divisor;
}

[[gnu::no_sanitize("address", "undefined"), gnu::noinline]] static void store(volatile int* pointer, int value)
{
    *pointer = value;
}

// Writes `length` bytes into a 16-byte buffer: past the stack protector's canary.
[[gnu::no_sanitize("address", "undefined"), gnu::noinline]] static void fill_small_buffer(size_t length)
{
    char buffer[16];
    for (size_t index = 0; index < length; ++index)
        buffer[index] = 'x';
    asm volatile("" : : "r"(buffer) : "memory"); // the writes must happen
}

KTEST_SHOULD_PANIC(stack_smashing_is_caught, "stack smashing detected")
{
    volatile size_t length = 40;
    fill_small_buffer(length);
}

KTEST_SHOULD_PANIC(divide_error_is_reported, "Divide Error")
{
    volatile int zero = 0;
    volatile int result = divide(10, zero);
    (void)result;
}

// 256 GiB: in no region and unmapped on x86_64 (the lower half holds nothing); in a Linux process unmapped in a
// plain build, inside ASan's protected shadow gap, and in TSan's (unused) application range.
KTEST_SHOULD_PANIC(unmapped_address_write_is_reported, "page not present, in no region")
{
    store(reinterpret_cast<int*>(0x40'0000'0000ull), 1);
}

// The report, not only its first line: where it happened, the registers and a backtrace
// whose frames are named. (A report that lost any of them would still pass the cases above.)
// `frame` is a kernel function the backtrace must name ("name+0x...").
static void expect_registers_and_backtrace(kstd::StringView report, kstd::StringView frame)
{
    KTEST_EXPECT(report.contains("Registers:\n"));
    KTEST_EXPECT(report.contains("RIP="));
    KTEST_EXPECT(report.contains("RSP="));
    KTEST_EXPECT(report.contains("Backtrace:\n #0  0x"));
    KTEST_EXPECT(report.contains(" #1  0x"));
    KTEST_EXPECT(report.contains(frame));
}

KTEST_PANIC_REPORT(verify_failure_panics, report)
{
    KTEST_EXPECT(report.contains("KERNEL PANIC\n"));
    KTEST_EXPECT(report.contains("VERIFY(answer == 42) failed\n  at "));
    KTEST_EXPECT(report.contains("tests/kernel/panic_test.cpp:9\n"));
    expect_registers_and_backtrace(report, " ktest_body_verify_failure_panics+0x");
}

KTEST_PANIC_REPORT(unmapped_address_write_is_reported, report)
{
    KTEST_EXPECT(report.contains("CPU EXCEPTION\n"));
    // The faulting address (CR2 on x86_64, si_addr in the sim) and what the access was.
    KTEST_EXPECT(report.contains("write by kernel mode at 0x4000000000: page not present, in no region"));
    KTEST_EXPECT(report.contains("  at instruction 0x"));
    // The faulting instruction is in store(), which frame #0 names. (Its caller may be
    // gone from the chain: the compiler can make the call a jump.)
    expect_registers_and_backtrace(report, " store+0x");
}
