// Taking an interrupt in the middle of running code: the preemption signal's handler.
//
// raise_irq() sends PREEMPTION_SIGNAL to the CPU thread when interrupts are enabled. The
// handler does not run IRQ handlers itself, since kernel_reschedule() may switch threads
// and that must not happen inside a signal handler (the signal would stay blocked while
// another thread runs, and ASan and TSan would lose track). It does what a CPU does on an
// interrupt instead: it turns the interrupt flag off and makes the interrupted code "call"
// keel_interrupt_trampoline (interrupt_trampoline.S) on its own stack, right below the red
// zone (interrupted_call.hpp). Once the handler has returned, the trampoline saves the
// registers, calls keel_serve_interrupt() as ordinary code, restores everything and
// returns to the interrupted instruction with the interrupted stack pointer. The handler
// runs on the alternate signal stack (set up with the fatal signals', before the kernel
// can first enable interrupts): on the interrupted stack, the host would put the signal
// frame right where the call goes.
//
// The interrupted code must be the simulator's own: its instruction pointer must lie in the
// executable's text (from __executable_start to etext, which the linker defines), not in
// libc, libstdc++ or a sanitizer runtime, whose locks and state the handlers could meet
// half-changed (malloc holding its lock, say), and no context switch may be under way
// (context_switching.hpp). Otherwise the line simply stays pending: the next HAL call that
// polls (irq_enable, cpu_relax, clock_ns, ...) or the next signal delivers it. So code in a
// long host call is preempted as soon as it is back in the kernel's own code.
//
// Under TSan nothing is redirected: TSan defers an asynchronous signal to its next safe
// point and then hands the handler a copy of the context, so the interrupted code cannot
// be redirected and its stack below RSP is TSan's own by then. Pending lines wait for the
// next HAL call that polls instead, which the kernel's spin and wait loops make.
#include "context_switching.hpp"
#include "interrupt_controller.hpp"
#include "interrupted_call.hpp"
#include "stack_registry.hpp"
#include <sim_sanitizers.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>

extern "C" {
// Linker-defined bounds of the executable's code.
extern const char __executable_start[];
extern const char etext[];

void keel_interrupt_trampoline();
void keel_serve_interrupt();
}

namespace {

// How much stack below the trampoline is unpoisoned for ASan (interrupted_call.hpp): what
// the handlers and kernel_reschedule() may use, clipped to the interrupted stack.
constexpr uintptr_t INTERRUPT_STACK_BYTES = 32 * 1024;

bool in_own_text(uintptr_t address)
{
    return address >= reinterpret_cast<uintptr_t>(__executable_start)
        && address < reinterpret_cast<uintptr_t>(etext);
}

// Whether the interrupted code may take the interrupt where it stands; if so, `stack` is
// the stack it runs on. Not when this handler runs on that very stack (the interrupted code
// was on the signal stack): the signal frame lies where the call would go.
bool may_take_interrupt(const greg_t* gregs, sim::StackRange& stack)
{
    auto stack_pointer = uintptr_t(gregs[REG_RSP]);
    auto handler_frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    return in_own_text(uintptr_t(gregs[REG_RIP])) && !sim::context_switch_in_progress()
        && sim::find_stack(stack_pointer, stack) && !stack.contains(handler_frame)
        && stack_pointer - stack.low >= KEEL_RED_ZONE_BYTES + sizeof(uint64_t);
}

void on_preemption_signal(int, siginfo_t*, void* raw_context)
{
    if (KEEL_SIM_TSAN)
        return;
    int saved_errno = errno;
    greg_t* gregs = static_cast<ucontext_t*>(raw_context)->uc_mcontext.gregs;
    sim::StackRange stack;
    if (may_take_interrupt(gregs, stack) && sim::begin_interrupt()) {
        uintptr_t return_slot = uintptr_t(gregs[REG_RSP]) - KEEL_RED_ZONE_BYTES - sizeof(uint64_t);
        sim::make_interrupted_code_call(gregs, return_slot,
                                        std::min(INTERRUPT_STACK_BYTES, return_slot - stack.low),
                                        keel_interrupt_trampoline);
    }
    errno = saved_errno;
}

} // namespace

// Called by the trampoline with the flag off (begin_interrupt() succeeded). Handlers may
// make host calls, and the interrupted code may be about to read errno.
extern "C" void keel_serve_interrupt()
{
    int saved_errno = errno;
    sim::serve_interrupt();
    errno = saved_errno;
}

namespace sim {

void install_preemption_signal_handler()
{
    struct sigaction action {};
    action.sa_sigaction = on_preemption_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(PREEMPTION_SIGNAL, &action, nullptr);
}

} // namespace sim
