// The in-kernel test runner (see ktest.hpp).
//
// Each case runs in a kernel thread of its own, which the runner joins. A case ends when
// its body returns, or from the panic path (abandon_running_test_after_panic), which
// ends the panicking thread instead of halting the kernel: that is how a should-panic case
// passes and the run goes on. (A panic in a thread that a case spawned ends that thread
// only; the case itself then decides what happens.)
#include <console/print.hpp>
#include <kstd/fixed_string.hpp>
#include <ktest/ktest.hpp>
#include <sched/scheduler.hpp>

using console::Color;
using console::println;

namespace ktest {

namespace {
constexpr size_t TEST_STACK_SIZE = 64 * 1024; // sanitized builds need deep stacks
constexpr int PANICKED_STATUS = -1;

TestCase* first_case = nullptr;
TestCase* last_case = nullptr;
TestCase* running_case = nullptr;
bool running_case_failed = false;
bool running_case_panicked = false;
const char* running_case_skipped = nullptr; // the reason, once KTEST_SKIP ran
using PanicText = kstd::FixedString<160>;
PanicText panic_text; // what the running case's panic said
using PanicReport = kstd::FixedString<4096>;
PanicReport panic_report; // the whole report, as the console showed it

enum class Outcome { Passed, Failed, Skipped };

void run_case_body(void* argument)
{
    static_cast<TestCase*>(argument)->function();
}

bool panicked_as_expected(const TestCase& test_case)
{
    return running_case_panicked && panic_text.view().find(test_case.expected_panic) != kstd::StringView::npos;
}

// Runs one case.
Outcome run_case(TestCase& test_case)
{
    running_case = &test_case;
    running_case_failed = false;
    running_case_panicked = false;
    running_case_skipped = nullptr;
    panic_report = {};
    auto thread = sched::spawn(test_case.name, run_case_body, &test_case, { .stack_size = TEST_STACK_SIZE });
    if (thread.is_error()) {
        println(console::fg(Color::LightRed), "ktest: no memory for the thread of {}", test_case.name);
        running_case = nullptr;
        return Outcome::Failed;
    }
    sched::join(thread.value());
    console::kernel_console().set_style(console::DEFAULT_STYLE); // a panic report leaves red
    if (running_case_skipped && !running_case_failed) {
        running_case = nullptr;
        return Outcome::Skipped;
    }
    bool passed;
    if (test_case.expected_panic) {
        if (panicked_as_expected(test_case) && test_case.check_report)
            test_case.check_report(panic_report.view()); // its expectations count for the case
        passed = panicked_as_expected(test_case) && !running_case_failed;
    } else {
        passed = !running_case_panicked && !running_case_failed;
    }
    running_case = nullptr;
    return passed ? Outcome::Passed : Outcome::Failed;
}

void report_failure(unsigned number, const TestCase& test_case)
{
    console::Style red = console::fg(Color::LightRed);
    if (test_case.expected_panic && !running_case_panicked)
        println(red, "not ok {} - {} (expected a panic, none happened)", number, test_case.name);
    else if (test_case.expected_panic && !panicked_as_expected(test_case))
        println(red, "not ok {} - {} (expected a panic about '{}', got '{}')", number, test_case.name,
                test_case.expected_panic, panic_text.view());
    else if (test_case.expected_panic)
        println(red, "not ok {} - {} (the panic report lacks what the case expects)", number, test_case.name);
    else if (running_case_panicked)
        println(red, "not ok {} - {} (panicked: {})", number, test_case.name, panic_text.view());
    else
        println(red, "not ok {} - {} (expectation failed)", number, test_case.name);
}
// `only` is one name or several separated by commas.
bool names_case(kstd::StringView only, kstd::StringView name)
{
    size_t start = 0;
    while (start <= only.size()) {
        size_t end = only.find(',', start);
        if (end == kstd::StringView::npos)
            end = only.size();
        if (only.substring(start, end - start) == name)
            return true;
        start = end + 1;
    }
    return false;
}
} // namespace

void register_test(TestCase& test_case)
{
    if (last_case)
        last_case->next = &test_case;
    else
        first_case = &test_case;
    last_case = &test_case;
}

void expectation_failed(const char* file, int line, const char* expression)
{
    running_case_failed = true;
    println(console::fg(Color::LightRed), "    expectation failed: {} ({}:{})", expression, file, line);
}

bool set_report_check(TestCase& test_case, void (*check)(kstd::StringView report))
{
    test_case.check_report = check;
    return true;
}

bool is_running_test()
{
    return running_case != nullptr;
}

kstd::Writer* panic_report_capture()
{
    return running_case ? &panic_report : nullptr;
}

void skip_running_test(const char* reason)
{
    running_case_skipped = reason;
    sched::exit(0);
}

void abandon_running_test_after_panic(kstd::StringView what)
{
    running_case_panicked = true;
    panic_text = PanicText(what);
    sched::exit(PANICKED_STATUS);
}

bool run_all(kstd::StringView only)
{
    unsigned passed = 0;
    unsigned failed = 0;
    unsigned skipped = 0;
    println("ktest: running {}", only.empty() ? kstd::StringView("all tests") : only);
    for (TestCase* test_case = first_case; test_case; test_case = test_case->next) {
        if (!only.empty() && !names_case(only, test_case->name))
            continue;
        println("ktest: start {}", test_case->name);
        unsigned number = passed + failed + skipped + 1;
        switch (run_case(*test_case)) {
        case Outcome::Passed:
            ++passed;
            println(console::fg(Color::LightGreen), "ok {} - {}", number, test_case->name);
            break;
        case Outcome::Skipped:
            ++skipped;
            println(console::fg(Color::Yellow), "ok {} - {} # SKIP {}", number, test_case->name, running_case_skipped);
            break;
        case Outcome::Failed:
            ++failed;
            report_failure(number, *test_case);
            break;
        }
    }
    if (passed + failed + skipped == 0) {
        println(console::fg(Color::LightRed), "ktest: no test named '{}'", only);
        return false;
    }
    println("ktest: {} passed, {} failed, {} skipped", passed, failed, skipped);
    return failed == 0;
}

} // namespace ktest
