// In-kernel tests: cases compiled into a test image of the kernel and run on the target.
//
//     KTEST(console_scrolls) { ... KTEST_EXPECT(a == b); }
//     KTEST_SHOULD_PANIC(verify_false_panics, "VERIFY(1 == 2) failed") { VERIFY(1 == 2); }
//
// Each case runs in a kernel thread of its own; a panic inside a case ends that thread,
// and the runner goes on with the next case. A should-panic case passes when it panics
// and the panic's message (or CPU exception name) contains the expected text; any other
// case fails if it panics. Results go to the debug serial line in a
// TAP-like form, and the run ends with hal::test_exit(all passed).
#pragma once
#include <kstd/string_view.hpp>

namespace ktest {

using TestFunction = void (*)();

struct TestCase {
    const char* name;
    TestFunction function;
    const char* expected_panic; // nullptr: the case must not panic
    TestCase* next = nullptr;
};

// Called by the KTEST macros at static-construction time.
void register_test(TestCase& test_case);
// Records a failed expectation in the running case (the case goes on).
void expectation_failed(const char* file, int line, const char* expression);
// Runs every registered case (or the one named by "ktest=NAME" on the command line) and
// returns whether all passed.
bool run_all(kstd::StringView only);
// True while a case is running: the panic path hands control back to the runner.
bool is_running_test();
// Called by the panic path with the panic's message or exception name.
[[noreturn]] void abandon_running_test_after_panic(kstd::StringView what);

} // namespace ktest

#define KTEST_DEFINE(name, expected_panic)                                                 \
    static void ktest_body_##name();                                                       \
    static ::ktest::TestCase ktest_case_##name { #name, ktest_body_##name, expected_panic }; \
    [[maybe_unused]] static const bool ktest_registered_##name =                           \
        (::ktest::register_test(ktest_case_##name), true);                                 \
    static void ktest_body_##name()

#define KTEST(name) KTEST_DEFINE(name, nullptr)
#define KTEST_SHOULD_PANIC(name, expected_panic) KTEST_DEFINE(name, expected_panic)

#define KTEST_EXPECT(expression)                                                           \
    do {                                                                                   \
        if (!(expression))                                                                 \
            ::ktest::expectation_failed(__FILE__, __LINE__, #expression);                  \
    } while (0)
