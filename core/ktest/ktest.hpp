// In-kernel tests: cases compiled into a test image of the kernel and run on the target.
//
//     KTEST(console_scrolls) { ... KTEST_EXPECT(a == b); }
//     KTEST_SHOULD_PANIC(verify_false_panics, "VERIFY(1 == 2) failed") { VERIFY(1 == 2); }
//
// Each case runs in a kernel thread of its own; a panic inside a case ends that thread,
// and the runner goes on with the next case. A should-panic case passes when it panics
// and the panic's message (or CPU exception name) contains the expected text; any other
// case fails if it panics. A should-panic case may also check the whole panic report
// (registers, backtrace) with KTEST_PANIC_REPORT:
//
//     KTEST_PANIC_REPORT(verify_false_panics, report) { KTEST_EXPECT(report.contains("Backtrace:")); }
//
// A case that cannot test anything on this machine says so with KTEST_SKIP("why"): it ends
// there and is reported as skipped ("ok N - name # SKIP why", as TAP has it), not passed.
// Results go to the debug serial line in a TAP-like form, ending with
// "ktest: P passed, F failed, S skipped", and the run ends with hal::test_exit(none failed).
#pragma once
#include <kstd/format.hpp>
#include <kstd/string_view.hpp>

namespace ktest {

using TestFunction = void (*)();

struct TestCase {
    const char* name;
    TestFunction function;
    const char* expected_panic; // nullptr: the case must not panic
    void (*check_report)(kstd::StringView report) = nullptr; // KTEST_PANIC_REPORT
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
// While a case runs, where the panic path copies its report (text only, no colours);
// nullptr otherwise.
kstd::Writer* panic_report_capture();
// Ends the running case as skipped (KTEST_SKIP).
[[noreturn]] void skip_running_test(const char* reason);
// KTEST_PANIC_REPORT registers its check on the case at static-construction time.
bool set_report_check(TestCase& test_case, void (*check)(kstd::StringView report));

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

#define KTEST_SKIP(reason) ::ktest::skip_running_test(reason)

// The check runs in the runner after the case panicked as expected; its KTEST_EXPECTs
// count for the case.
#define KTEST_PANIC_REPORT(name, report)                                                   \
    static void ktest_report_##name(kstd::StringView report);                              \
    [[maybe_unused]] static const bool ktest_report_registered_##name =                    \
        ::ktest::set_report_check(ktest_case_##name, ktest_report_##name);                 \
    static void ktest_report_##name(kstd::StringView report)
