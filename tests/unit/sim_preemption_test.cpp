// Preemption in the sim: an IRQ interrupts running kernel code as a CPU's interrupt does.
//
// A device thread raises a line while the CPU thread runs with interrupts enabled. The
// line's handler must then run on the interrupted flow's own stack, in ordinary code (not
// in the preemption signal's handler), with interrupts disabled, even when that flow is a
// loop that never calls the HAL; and the flow must go on afterwards with every register,
// the flags and the SSE state as they were. An IRQ that arrives while the CPU is in a host
// call is not taken there but at the next HAL call that polls. The handlers return
// Reschedule, so the HAL's call to kernel_reschedule() (core's, which has no other thread to
// run here) is on every one of these paths.
//
// All of this runs as the kernel, on a started CPU thread (sim_run_as_kernel.hpp), in death
// tests whose body exits 0 when every check passed. Under TSan the preemption signal only
// marks what the next HAL call delivers (TSan defers asynchronous signals and hands the
// handler a copy of the context), so the tests of code that never calls the HAL skip there.
#include "sim_run_as_kernel.hpp"

#include <sim_sanitizers.hpp>

#include <hal/context.hpp>
#include <hal/cpu.hpp>
#include <hal/debug.hpp>
#include <hal/irq.hpp>
#include <hal/timer.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <pthread.h>
#include <string>
#include <sys/syscall.h>
#include <thread>

namespace {

using namespace std::chrono_literals;

constexpr unsigned TEST_LINE = 5; // no device of the test machine raises it
constexpr auto PATIENCE = 10s;    // how long a device thread waits for the CPU to react
constexpr const char* TSAN_SKIP_REASON = "under TSan only HAL calls take IRQs";

// Ends the kernel run as a failure, saying why on stderr (which the death test shows).
[[noreturn]] void fail(const char* what)
{
    fprintf(stderr, "FAILED: %s\n", what);
    hal::test_exit(false);
}

void check(bool condition, const char* what)
{
    if (!condition)
        fail(what);
}

std::atomic<unsigned> interrupts_taken { 0 };
std::atomic<bool> device_gave_up { false };

// Raises TEST_LINE once `ready` is set, then waits until the CPU took it; gives up (and
// says so) after PATIENCE.
std::thread raise_when(const std::atomic<bool>& ready)
{
    return std::thread([&ready] {
        while (!ready.load())
            std::this_thread::sleep_for(1ms);
        unsigned before = interrupts_taken.load();
        sim::raise_irq(TEST_LINE);
        auto deadline = std::chrono::steady_clock::now() + PATIENCE;
        while (interrupts_taken.load() == before && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(1ms);
        device_gave_up.store(interrupts_taken.load() == before);
    });
}

// --- a handler that looks at where it runs ---

struct WhereTheHandlerRan {
    uintptr_t frame;
    sigset_t blocked_signals;
    bool interrupts_were_enabled;
    uintptr_t return_addresses[32];
    size_t depth;
};
WhereTheHandlerRan seen;

hal::IrqResult look_around(void*)
{
    if (interrupts_taken.load() == 0) {
        seen.frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
        pthread_sigmask(SIG_BLOCK, nullptr, &seen.blocked_signals);
        seen.interrupts_were_enabled = hal::irqs_enabled();
        seen.depth = hal::backtrace(seen.frame, seen.return_addresses, std::size(seen.return_addresses));
    }
    interrupts_taken.fetch_add(1);
    return hal::IrqResult::Reschedule;
}

// Spins, calling nothing at all, until an interrupt was taken or the device gave up.
[[gnu::noinline]] uintptr_t spin_until_interrupted(std::atomic<bool>& spinning)
{
    spinning.store(true);
    while (interrupts_taken.load(std::memory_order_relaxed) == 0
           && !device_gave_up.load(std::memory_order_relaxed)) {
    }
    return reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
}

// Whether the handler's backtrace goes through the interrupt trampoline into the function
// that called the loop. (The loop itself may be missing: an interrupt at the first
// instruction of a function it calls finds that function's frame not yet linked.)
bool backtrace_leads_through_the_trampoline_to(const char* function)
{
    bool trampoline_seen = false;
    for (size_t index = 0; index < seen.depth; ++index) {
        hal::Symbol symbol {};
        if (!hal::symbolize(seen.return_addresses[index] - 1, symbol))
            continue;
        if (strstr(symbol.name, "keel_interrupt_trampoline"))
            trampoline_seen = true;
        else if (strstr(symbol.name, function))
            return trampoline_seen;
    }
    return false;
}

void interrupt_a_loop_that_calls_nothing()
{
    check(hal::set_irq_handler(TEST_LINE, look_around, nullptr), "set_irq_handler");
    std::atomic<bool> spinning { false };
    std::thread device = raise_when(spinning);
    sigset_t loop_signals;
    pthread_sigmask(SIG_BLOCK, nullptr, &loop_signals);
    hal::irq_enable();
    uintptr_t loop_frame = spin_until_interrupted(spinning);
    bool enabled_after = hal::irqs_enabled();
    hal::irq_disable();
    device.join();

    check(!device_gave_up.load(), "the spinning loop was never interrupted");
    check(!seen.interrupts_were_enabled, "the handler ran with interrupts enabled");
    check(enabled_after, "interrupts stayed disabled after the interrupt");
    check(seen.frame < loop_frame && loop_frame - seen.frame < 256 * 1024,
          "the handler did not run on the interrupted stack just below the loop");
    for (int signal = 1; signal < SIGRTMAX; ++signal)
        check(sigismember(&seen.blocked_signals, signal) == sigismember(&loop_signals, signal),
              "the handler ran with other signals blocked than the loop (inside a signal handler?)");
    check(backtrace_leads_through_the_trampoline_to("interrupt_a_loop_that_calls_nothing"),
          "the handler's backtrace does not lead through keel_interrupt_trampoline to the loop's caller");
}

// --- registers, flags and SSE state across interrupts ---

// What the register loop leaves in each register: the general ones, then XMM0-XMM15.
struct LoopRegisters {
    uint64_t general[9]; // RAX (counted through CF), RCX, RDX, RSI, RDI, R8-R11
    double sse[16];      // XMM0-XMM14 count up by XMM15, which holds 1.0
};

// Counts `iterations` in every caller-saved general register and in XMM0-XMM14, and
// counts into RAX only through the carry flag, set many instructions earlier. An interrupt
// that lost a register, the flags or the SSE state leaves a wrong count behind.
void run_register_loop(uint64_t iterations, LoopRegisters& result)
{
    const double one = 1.0;
    asm volatile("movq %[iterations], %%r12\n\t"
                 "xorl %%eax, %%eax\n\t"
                 "xorl %%ecx, %%ecx\n\t"
                 "xorl %%edx, %%edx\n\t"
                 "xorl %%esi, %%esi\n\t"
                 "xorl %%edi, %%edi\n\t"
                 "xorl %%r8d, %%r8d\n\t"
                 "xorl %%r9d, %%r9d\n\t"
                 "xorl %%r10d, %%r10d\n\t"
                 "xorl %%r11d, %%r11d\n\t"
                 "xorpd %%xmm0, %%xmm0\n\t"
                 "xorpd %%xmm1, %%xmm1\n\t"
                 "xorpd %%xmm2, %%xmm2\n\t"
                 "xorpd %%xmm3, %%xmm3\n\t"
                 "xorpd %%xmm4, %%xmm4\n\t"
                 "xorpd %%xmm5, %%xmm5\n\t"
                 "xorpd %%xmm6, %%xmm6\n\t"
                 "xorpd %%xmm7, %%xmm7\n\t"
                 "xorpd %%xmm8, %%xmm8\n\t"
                 "xorpd %%xmm9, %%xmm9\n\t"
                 "xorpd %%xmm10, %%xmm10\n\t"
                 "xorpd %%xmm11, %%xmm11\n\t"
                 "xorpd %%xmm12, %%xmm12\n\t"
                 "xorpd %%xmm13, %%xmm13\n\t"
                 "xorpd %%xmm14, %%xmm14\n\t"
                 "movsd %[one], %%xmm15\n"
                 "1:\n\t"
                 "stc\n\t"
                 "incq %%rcx\n\t" // inc leaves CF alone
                 "incq %%rdx\n\t"
                 "incq %%rsi\n\t"
                 "incq %%rdi\n\t"
                 "incq %%r8\n\t"
                 "incq %%r9\n\t"
                 "incq %%r10\n\t"
                 "incq %%r11\n\t"
                 "addsd %%xmm15, %%xmm0\n\t"
                 "addsd %%xmm15, %%xmm1\n\t"
                 "addsd %%xmm15, %%xmm2\n\t"
                 "addsd %%xmm15, %%xmm3\n\t"
                 "addsd %%xmm15, %%xmm4\n\t"
                 "addsd %%xmm15, %%xmm5\n\t"
                 "addsd %%xmm15, %%xmm6\n\t"
                 "addsd %%xmm15, %%xmm7\n\t"
                 "addsd %%xmm15, %%xmm8\n\t"
                 "addsd %%xmm15, %%xmm9\n\t"
                 "addsd %%xmm15, %%xmm10\n\t"
                 "addsd %%xmm15, %%xmm11\n\t"
                 "addsd %%xmm15, %%xmm12\n\t"
                 "addsd %%xmm15, %%xmm13\n\t"
                 "addsd %%xmm15, %%xmm14\n\t"
                 "adcq $0, %%rax\n\t"
                 "decq %%r12\n\t"
                 "jnz 1b\n\t"
                 "movq %%rax, 0(%[result])\n\t"
                 "movq %%rcx, 8(%[result])\n\t"
                 "movq %%rdx, 16(%[result])\n\t"
                 "movq %%rsi, 24(%[result])\n\t"
                 "movq %%rdi, 32(%[result])\n\t"
                 "movq %%r8, 40(%[result])\n\t"
                 "movq %%r9, 48(%[result])\n\t"
                 "movq %%r10, 56(%[result])\n\t"
                 "movq %%r11, 64(%[result])\n\t"
                 "movsd %%xmm0, 72(%[result])\n\t"
                 "movsd %%xmm1, 80(%[result])\n\t"
                 "movsd %%xmm2, 88(%[result])\n\t"
                 "movsd %%xmm3, 96(%[result])\n\t"
                 "movsd %%xmm4, 104(%[result])\n\t"
                 "movsd %%xmm5, 112(%[result])\n\t"
                 "movsd %%xmm6, 120(%[result])\n\t"
                 "movsd %%xmm7, 128(%[result])\n\t"
                 "movsd %%xmm8, 136(%[result])\n\t"
                 "movsd %%xmm9, 144(%[result])\n\t"
                 "movsd %%xmm10, 152(%[result])\n\t"
                 "movsd %%xmm11, 160(%[result])\n\t"
                 "movsd %%xmm12, 168(%[result])\n\t"
                 "movsd %%xmm13, 176(%[result])\n\t"
                 "movsd %%xmm14, 184(%[result])\n\t"
                 "movsd %%xmm15, 192(%[result])"
                 :
                 : [iterations] "r"(iterations), [result] "r"(&result), [one] "m"(one)
                 : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "xmm0", "xmm1",
                   "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
                   "xmm12", "xmm13", "xmm14", "xmm15", "cc", "memory");
    static_assert(sizeof(LoopRegisters) == 200);
}

// A handler that leaves garbage in every register an interrupted flow could lose.
hal::IrqResult scribble_on_registers(void*)
{
    asm volatile("movq $-1, %%rax\n\t"
                 "movq %%rax, %%rcx\n\t"
                 "movq %%rax, %%rdx\n\t"
                 "movq %%rax, %%rsi\n\t"
                 "movq %%rax, %%rdi\n\t"
                 "movq %%rax, %%r8\n\t"
                 "movq %%rax, %%r9\n\t"
                 "movq %%rax, %%r10\n\t"
                 "movq %%rax, %%r11\n\t"
                 "pcmpeqd %%xmm0, %%xmm0\n\t"
                 "movdqa %%xmm0, %%xmm1\n\t"
                 "movdqa %%xmm0, %%xmm2\n\t"
                 "movdqa %%xmm0, %%xmm3\n\t"
                 "movdqa %%xmm0, %%xmm4\n\t"
                 "movdqa %%xmm0, %%xmm5\n\t"
                 "movdqa %%xmm0, %%xmm6\n\t"
                 "movdqa %%xmm0, %%xmm7\n\t"
                 "movdqa %%xmm0, %%xmm8\n\t"
                 "movdqa %%xmm0, %%xmm9\n\t"
                 "movdqa %%xmm0, %%xmm10\n\t"
                 "movdqa %%xmm0, %%xmm11\n\t"
                 "movdqa %%xmm0, %%xmm12\n\t"
                 "movdqa %%xmm0, %%xmm13\n\t"
                 "movdqa %%xmm0, %%xmm14\n\t"
                 "movdqa %%xmm0, %%xmm15\n\t"
                 "clc" ::
                     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "xmm0", "xmm1", "xmm2",
                       "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",
                       "xmm13", "xmm14", "xmm15", "cc");
    interrupts_taken.fetch_add(1);
    return hal::IrqResult::Reschedule;
}

constexpr uint64_t LOOP_ITERATIONS = 1'000'000;
constexpr unsigned INTERRUPTS_WANTED = 200;

void count_and_check(uint64_t iterations)
{
    LoopRegisters result {};
    run_register_loop(iterations, result);
    for (uint64_t count : result.general)
        check(count == iterations, "a general register or the carry flag lost its value");
    for (size_t index = 0; index < 15; ++index)
        check(result.sse[index] == double(iterations), "an XMM register lost its value");
    check(result.sse[15] == 1.0, "XMM15 lost its value");
}

// Counts in registers, interrupted by `handler` INTERRUPTS_WANTED times at least.
void count_in_registers_while_interrupted_by(hal::IrqHandler handler)
{
    check(hal::set_irq_handler(TEST_LINE, handler, nullptr), "set_irq_handler");
    std::atomic<bool> looping { true };
    std::thread device([&looping] {
        auto deadline = std::chrono::steady_clock::now() + PATIENCE;
        while (looping.load() && interrupts_taken.load() < INTERRUPTS_WANTED) {
            if (std::chrono::steady_clock::now() > deadline) {
                device_gave_up.store(true);
                return;
            }
            sim::raise_irq(TEST_LINE);
            std::this_thread::sleep_for(100us);
        }
    });
    hal::irq_enable();
    while (interrupts_taken.load() < INTERRUPTS_WANTED && !device_gave_up.load())
        count_and_check(LOOP_ITERATIONS);
    hal::irq_disable();
    looping.store(false);
    device.join();
    check(!device_gave_up.load(), "the register loop was not interrupted often enough");
}

// --- switching threads inside an interrupt ---
//
// kernel_reschedule() is core's, so the handler itself plays the scheduler here: it switches
// from the interrupted flow (the CPU thread's boot flow, counting in registers) to a second
// context, which counts in registers with interrupts enabled too and switches back.

hal::Context boot_context;
hal::Context second_context;
alignas(16) uint8_t second_stack[256 * 1024];
bool in_second_context = false;
unsigned switches_to_second = 0;

[[noreturn]] void count_in_the_second_context(void*)
{
    for (;;) {
        in_second_context = true;
        hal::irq_enable();
        count_and_check(LOOP_ITERATIONS);
        hal::irq_disable();
        in_second_context = false;
        hal::context_switch(second_context, boot_context);
    }
}

hal::IrqResult switch_to_the_second_context(void*)
{
    interrupts_taken.fetch_add(1);
    if (!in_second_context && interrupts_taken.load() % 8 == 0) {
        ++switches_to_second;
        hal::context_switch(boot_context, second_context);
    }
    return hal::IrqResult::Reschedule;
}

// --- an IRQ during a host call ---

pid_t cpu_thread_id;

// Whether the CPU thread is blocked in read() (its /proc "syscall" line names syscall 0).
bool cpu_blocked_in_read()
{
    std::ifstream file("/proc/self/task/" + std::to_string(cpu_thread_id) + "/syscall");
    std::string syscall_number;
    return file >> syscall_number && syscall_number == std::to_string(SYS_read);
}

hal::IrqResult count_interrupt(void*)
{
    interrupts_taken.fetch_add(1);
    return hal::IrqResult::Reschedule;
}

// Blocks in read() on a pipe while a device thread raises TEST_LINE; the line must still be
// pending when read() returns and be taken by `poll_the_hal`.
void wait_in_a_host_call_then(void (*poll_the_hal)())
{
    int pipe_ends[2];
    check(pipe(pipe_ends) == 0, "pipe");
    unsigned before = interrupts_taken.load();
    std::thread device([&pipe_ends] {
        auto deadline = std::chrono::steady_clock::now() + PATIENCE;
        while (!cpu_blocked_in_read() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(1ms);
        sim::raise_irq(TEST_LINE);
        std::this_thread::sleep_for(20ms); // the signal has long arrived by then
        char byte = 1;
        check(write(pipe_ends[1], &byte, 1) == 1, "write to the pipe");
    });
    hal::irq_enable();
    char byte = 0;
    check(read(pipe_ends[0], &byte, 1) == 1, "read from the pipe");
    unsigned taken_during_read = interrupts_taken.load() - before;
    poll_the_hal();
    unsigned taken_after_poll = interrupts_taken.load() - before;
    hal::irq_disable();
    device.join();
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    check(taken_during_read == 0, "the IRQ was taken inside the host call");
    check(taken_after_poll == 1, "the next HAL call did not take the pending IRQ");
}

// --- delivery from ordinary code ---

std::atomic<unsigned> lines_seen { 0 };
bool any_handler_saw_interrupts_enabled = false;

hal::IrqResult note_line(void* line)
{
    lines_seen.fetch_or(1u << reinterpret_cast<uintptr_t>(line));
    any_handler_saw_interrupts_enabled |= hal::irqs_enabled();
    return reinterpret_cast<uintptr_t>(line) == TEST_LINE ? hal::IrqResult::Reschedule : hal::IrqResult::Handled;
}

} // namespace

TEST(SimPreemptionDeathTest, ABusyLoopIsInterruptedOnItsOwnStackOutsideTheSignalHandler)
{
    if (KEEL_SIM_TSAN)
        GTEST_SKIP() << TSAN_SKIP_REASON;
    EXPECT_EXIT(sim_test::run_as_kernel(interrupt_a_loop_that_calls_nothing), ::testing::ExitedWithCode(0), "");
}

TEST(SimPreemptionDeathTest, RegistersFlagsAndSseStateSurviveInterrupts)
{
    if (KEEL_SIM_TSAN)
        GTEST_SKIP() << TSAN_SKIP_REASON;
    EXPECT_EXIT(sim_test::run_as_kernel([] { count_in_registers_while_interrupted_by(scribble_on_registers); }),
                ::testing::ExitedWithCode(0), "");
}

TEST(SimPreemptionDeathTest, AFlowSwitchedAwayFromInsideAnInterruptResumesIntact)
{
    if (KEEL_SIM_TSAN)
        GTEST_SKIP() << TSAN_SKIP_REASON;
    EXPECT_EXIT(sim_test::run_as_kernel([] {
        hal::context_init(second_context, second_stack, sizeof second_stack, count_in_the_second_context, nullptr);
        count_in_registers_while_interrupted_by(switch_to_the_second_context);
        check(switches_to_second > 0, "no interrupt switched to the second context");
    }),
                ::testing::ExitedWithCode(0), "");
}

TEST(SimPreemptionDeathTest, AnIrqDuringAHostCallIsTakenAtTheNextHalCall)
{
    EXPECT_EXIT(sim_test::run_as_kernel([] {
        cpu_thread_id = pid_t(syscall(SYS_gettid));
        check(hal::set_irq_handler(TEST_LINE, count_interrupt, nullptr), "set_irq_handler");
        wait_in_a_host_call_then(hal::cpu_relax);
        wait_in_a_host_call_then([] { (void)hal::clock_ns(); });
    }),
                ::testing::ExitedWithCode(0), "");
}

TEST(SimPreemptionDeathTest, EnablingInterruptsRunsEveryPendingLineWithInterruptsDisabled)
{
    EXPECT_EXIT(sim_test::run_as_kernel([] {
        constexpr uintptr_t OTHER_LINE = TEST_LINE + 1;
        check(hal::set_irq_handler(TEST_LINE, note_line, reinterpret_cast<void*>(uintptr_t(TEST_LINE))),
              "set_irq_handler");
        check(hal::set_irq_handler(OTHER_LINE, note_line, reinterpret_cast<void*>(OTHER_LINE)), "set_irq_handler");
        sim::raise_irq(TEST_LINE);
        sim::raise_irq(OTHER_LINE);
        check(lines_seen.load() == 0, "a line was taken with interrupts disabled");
        hal::irq_enable();
        check(lines_seen.load() == ((1u << TEST_LINE) | (1u << OTHER_LINE)), "not every pending line was taken");
        check(!any_handler_saw_interrupts_enabled, "a handler ran with interrupts enabled");
        check(hal::irqs_enabled(), "interrupts stayed disabled");
    }),
                ::testing::ExitedWithCode(0), "");
}
