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
using PanicText = kstd::FixedString<160>;
PanicText panic_text; // what the running case's panic said

void run_case_body(void* argument)
{
    static_cast<TestCase*>(argument)->function();
}

// Runs one case and returns whether it passed.
bool run_case(TestCase& test_case)
{
    running_case = &test_case;
    running_case_failed = false;
    running_case_panicked = false;
    auto thread = sched::spawn(test_case.name, run_case_body, &test_case, { .stack_size = TEST_STACK_SIZE });
    if (thread.is_error()) {
        println(console::fg(Color::LightRed), "ktest: no memory for the thread of {}", test_case.name);
        running_case = nullptr;
        return false;
    }
    sched::join(thread.value());
    running_case = nullptr;
    console::kernel_console().set_style(console::DEFAULT_STYLE); // a panic report leaves red
    if (test_case.expected_panic)
        return running_case_panicked && !running_case_failed
            && panic_text.view().find(test_case.expected_panic) != kstd::StringView::npos;
    return !running_case_panicked && !running_case_failed;
}

void report_failure(unsigned number, const TestCase& test_case)
{
    console::Style red = console::fg(Color::LightRed);
    if (test_case.expected_panic && !running_case_panicked)
        println(red, "not ok {} - {} (expected a panic, none happened)", number, test_case.name);
    else if (test_case.expected_panic && !running_case_failed)
        println(red, "not ok {} - {} (expected a panic about '{}', got '{}')", number, test_case.name,
                test_case.expected_panic, panic_text.view());
    else if (running_case_panicked)
        println(red, "not ok {} - {} (panicked: {})", number, test_case.name, panic_text.view());
    else
        println(red, "not ok {} - {} (expectation failed)", number, test_case.name);
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

bool is_running_test()
{
    return running_case != nullptr;
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
    println("ktest: running {}", only.empty() ? kstd::StringView("all tests") : only);
    for (TestCase* test_case = first_case; test_case; test_case = test_case->next) {
        if (!only.empty() && only != test_case->name)
            continue;
        println("ktest: start {}", test_case->name);
        if (run_case(*test_case)) {
            ++passed;
            println(console::fg(Color::LightGreen), "ok {} - {}", passed + failed, test_case->name);
        } else {
            ++failed;
            report_failure(passed + failed, *test_case);
        }
    }
    if (passed + failed == 0) {
        println(console::fg(Color::LightRed), "ktest: no test named '{}'", only);
        return false;
    }
    println("ktest: {} passed, {} failed", passed, failed);
    return failed == 0;
}

} // namespace ktest
