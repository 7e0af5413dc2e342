// In-kernel tests of the user copy routines (hal/user.hpp), the same on x86_64 and in the
// sim: with a UserProgram's tables active (user_program.hpp), copies to and from its pages
// work, and every bad user address — unmapped, read-only for a write, a range running off
// the end of a mapping or of user space, the kernel half, non-canonical, a length that
// wraps around — makes them fail (false, or -1) while the kernel carries on. On x86_64
// with SMAP (ctest's kernel.x86_64.smep_smap) the good copies also show that the routines
// open user memory, and kernel_reading_user_memory_directly_is_reported that nothing else
// does.
#include "user_program.hpp"

#include <hal/boot.hpp>
#include <kstd/string_view.hpp>

namespace {

using namespace ktest_support;

// 0: syscall
constexpr uint8_t JUST_A_SYSCALL[] = { 0x0f, 0x05 };

uint64_t g_kernel_variable = 0x5eed;

} // namespace

KTEST(copies_to_and_from_user_pages)
{
    UserProgram program(JUST_A_SYSCALL);
    if (!program.ready())
        return;
    const char message[] = "to user space and back";
    KTEST_EXPECT(hal::copy_to_user(DATA_ADDRESS + 100, message, sizeof(message)));
    KTEST_EXPECT(__builtin_memcmp(program.contents(DATA_ADDRESS + 100), message, sizeof(message)) == 0);
    char back[sizeof(message)] = {};
    KTEST_EXPECT(hal::copy_from_user(back, DATA_ADDRESS + 100, sizeof(back)));
    KTEST_EXPECT(__builtin_memcmp(back, message, sizeof(message)) == 0);
    // Read-only user pages can be read: here the code page.
    uint8_t code[sizeof(JUST_A_SYSCALL)] = {};
    KTEST_EXPECT(hal::copy_from_user(code, CODE_ADDRESS, sizeof(code)));
    KTEST_EXPECT(code[0] == 0x0f && code[1] == 0x05);
    // A range over two mapped pages.
    KTEST_EXPECT(program.map_page(DATA_ADDRESS + mm::PAGE_SIZE, USER_DATA));
    KTEST_EXPECT(hal::copy_to_user(DATA_ADDRESS + mm::PAGE_SIZE - 4, "01234567", 8));
    KTEST_EXPECT(__builtin_memcmp(program.contents(DATA_ADDRESS + mm::PAGE_SIZE - 4), "0123", 4) == 0);
    KTEST_EXPECT(__builtin_memcmp(program.contents(DATA_ADDRESS + mm::PAGE_SIZE), "4567", 4) == 0);
    // Nothing to copy is always fine.
    KTEST_EXPECT(hal::copy_from_user(back, UNMAPPED_ADDRESS, 0) && hal::copy_to_user(UNMAPPED_ADDRESS, back, 0));
}

KTEST(copies_from_bad_user_addresses_fail)
{
    UserProgram program(JUST_A_SYSCALL);
    if (!program.ready())
        return;
    uint8_t buffer[64];
    __builtin_memset(buffer, 0x77, sizeof(buffer));
    KTEST_EXPECT(!hal::copy_from_user(buffer, UNMAPPED_ADDRESS, 8));
    KTEST_EXPECT(!hal::copy_from_user(buffer, 0, 8)); // null
    // Straddling the end of the data page into nothing.
    KTEST_EXPECT(!hal::copy_from_user(buffer, DATA_ADDRESS + mm::PAGE_SIZE - 16, 32));
    KTEST_EXPECT(!hal::copy_from_user(buffer, reinterpret_cast<uintptr_t>(&g_kernel_variable), 8));
    KTEST_EXPECT(!hal::copy_from_user(buffer, reinterpret_cast<uintptr_t>(buffer), 8)); // a kernel stack
    KTEST_EXPECT(!hal::copy_from_user(buffer, NON_CANONICAL_ADDRESS, 8));
    KTEST_EXPECT(!hal::copy_from_user(buffer, hal::user_address_end() - 8, 16));
    KTEST_EXPECT(!hal::copy_from_user(buffer, DATA_ADDRESS, ~size_t(0))); // wraps around
    KTEST_EXPECT(!hal::copy_from_user(buffer, ~uintptr_t(0) - 3, 8));
    for (uint8_t byte : buffer) // a kernel address was never read into the buffer
        KTEST_EXPECT(byte == 0x77 || byte == 0);
}

KTEST(copies_to_bad_user_addresses_fail)
{
    UserProgram program(JUST_A_SYSCALL);
    if (!program.ready())
        return;
    const uint64_t value = 0xbad;
    KTEST_EXPECT(!hal::copy_to_user(UNMAPPED_ADDRESS, &value, sizeof(value)));
    KTEST_EXPECT(!hal::copy_to_user(CODE_ADDRESS, &value, sizeof(value))); // read-only
    KTEST_EXPECT(program.contents(CODE_ADDRESS)[0] == 0x0f);
    KTEST_EXPECT(!hal::copy_to_user(DATA_ADDRESS + mm::PAGE_SIZE - 4, &value, sizeof(value)));
    KTEST_EXPECT(!hal::copy_to_user(reinterpret_cast<uintptr_t>(&g_kernel_variable), &value, sizeof(value)));
    KTEST_EXPECT(g_kernel_variable == 0x5eed);
    KTEST_EXPECT(!hal::copy_to_user(NON_CANONICAL_ADDRESS, &value, sizeof(value)));
    KTEST_EXPECT(!hal::copy_to_user(hal::user_address_end() - 4, &value, sizeof(value)));
    KTEST_EXPECT(!hal::copy_to_user(DATA_ADDRESS, &value, ~size_t(0)));
}

KTEST(copy_string_from_user_stops_at_the_nul_or_the_capacity)
{
    UserProgram program(JUST_A_SYSCALL);
    if (!program.ready())
        return;
    __builtin_memcpy(program.contents(DATA_ADDRESS + 8), "hello", 6);
    char buffer[16];
    __builtin_memset(buffer, 'x', sizeof(buffer));
    KTEST_EXPECT(hal::copy_string_from_user(buffer, DATA_ADDRESS + 8, sizeof(buffer)) == 5);
    KTEST_EXPECT(kstd::StringView(buffer) == "hello");
    KTEST_EXPECT(hal::copy_string_from_user(buffer, DATA_ADDRESS + 8, 6) == 5); // the NUL just fits
    __builtin_memset(buffer, 'x', sizeof(buffer));
    KTEST_EXPECT(hal::copy_string_from_user(buffer, DATA_ADDRESS + 8, 3) == 3); // no NUL within 3
    KTEST_EXPECT(buffer[0] == 'h' && buffer[2] == 'l' && buffer[3] == 'x');
    KTEST_EXPECT(hal::copy_string_from_user(buffer, DATA_ADDRESS + 8, 0) == 0);
    KTEST_EXPECT(hal::copy_string_from_user(buffer, DATA_ADDRESS + 16, sizeof(buffer)) == 0); // ""
}

KTEST(copy_string_from_bad_user_addresses_fails)
{
    UserProgram program(JUST_A_SYSCALL);
    if (!program.ready())
        return;
    // A string that runs off the end of the data page, with no NUL before it.
    __builtin_memset(program.contents(DATA_ADDRESS + mm::PAGE_SIZE - 4), 'a', 4);
    char buffer[16];
    KTEST_EXPECT(hal::copy_string_from_user(buffer, DATA_ADDRESS + mm::PAGE_SIZE - 4, sizeof(buffer)) == -1);
    // ... but within its capacity it is just too long.
    KTEST_EXPECT(hal::copy_string_from_user(buffer, DATA_ADDRESS + mm::PAGE_SIZE - 4, 4) == 4);
    KTEST_EXPECT(hal::copy_string_from_user(buffer, UNMAPPED_ADDRESS, sizeof(buffer)) == -1);
    KTEST_EXPECT(hal::copy_string_from_user(buffer, 0, sizeof(buffer)) == -1);
    KTEST_EXPECT(hal::copy_string_from_user(buffer, reinterpret_cast<uintptr_t>("kernel"), sizeof(buffer)) == -1);
    KTEST_EXPECT(hal::copy_string_from_user(buffer, NON_CANONICAL_ADDRESS, sizeof(buffer)) == -1);
    KTEST_EXPECT(hal::copy_string_from_user(buffer, hal::user_address_end() - 2, sizeof(buffer)) == -1);
}

// The kernel may reach user memory only through the copy routines. A direct read of an
// unmapped user address is a kernel bug with a report of its own.
static uint64_t read_directly(uintptr_t address)
{
    return *reinterpret_cast<volatile uint64_t*>(address);
}

KTEST_SHOULD_PANIC(kernel_reading_user_memory_directly_is_reported, "Page Fault")
{
    read_directly(UNMAPPED_ADDRESS + 0x1000);
}

KTEST_PANIC_REPORT(kernel_reading_user_memory_directly_is_reported, report)
{
    KTEST_EXPECT(report.contains("read by kernel mode at 0x801000: page not present"));
    if (kstd::StringView(hal::machine_name()) == "x86_64")
        KTEST_EXPECT(report.contains("kernel touched user memory outside the copy routines"));
}

// With SMAP a mapped user page is out of the kernel's reach as well (SMAP makes it a
// protection fault); a CPU without it reads the page, and the case has nothing to check.
KTEST_SHOULD_PANIC(kernel_reading_mapped_user_memory_faults_with_smap, "Page Fault")
{
    UserProgram program(JUST_A_SYSCALL);
    if (!program.ready())
        return;
    read_directly(DATA_ADDRESS);
    KTEST_SKIP("no SMAP on this CPU");
}

KTEST_PANIC_REPORT(kernel_reading_mapped_user_memory_faults_with_smap, report)
{
    KTEST_EXPECT(report.contains("read by kernel mode at 0x600000"));
    if (kstd::StringView(hal::machine_name()) == "x86_64")
        KTEST_EXPECT(report.contains("0x600000: protection violation"));
}
