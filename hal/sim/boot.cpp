// Bringing the simulated machine up: the command line and initial RAM disk the front end
// hands over, and the thread that is the CPU.
//
// The CPU thread gets a large stack (sanitizers make frames bigger), registers itself with
// the interrupt controller so device threads can interrupt it, turns its own fatal signals
// into CPU exceptions, and calls the kernel's entry point with interrupts disabled, as the
// boot code does on x86_64. Should the entry point ever return, the CPU halts.
#include "fatal_signals.hpp"
#include "interrupt_controller.hpp"
#include "own_symbols.hpp"
#include <sim_machine.hpp>
#include "stack_registry.hpp"
#include "stop.hpp"

#include <hal/boot.hpp>
#include <hal/cpu.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <pthread.h>

namespace {

constexpr size_t CPU_STACK_BYTES = 16ull << 20;

const char* kernel_cmdline = "";
// Never freed: the kernel reads it for as long as the process runs.
hal::BootImage initrd = { nullptr, 0 };

void* run_cpu(void* entry_argument)
{
    auto entry = reinterpret_cast<void (*)()>(entry_argument);
    sim::become_cpu_thread();
    sim::remember_thread_stack();
    sim::load_own_symbols();
    sim::install_fatal_signal_handlers();
    hal::irq_disable();
    entry();
    hal::cpu_halt();
}

} // namespace

namespace sim {

void set_cmdline(const char* cmdline)
{
    kernel_cmdline = strdup(cmdline);
}

void set_initrd(const void* data, size_t size)
{
    if (size == 0) {
        initrd = { nullptr, 0 };
        return;
    }
    void* copy = malloc(size);
    if (!copy) {
        fprintf(stderr, "keel-sim: no host memory for a %zu-byte initrd\n", size);
        exit(1);
    }
    memcpy(copy, data, size);
    initrd = { copy, size };
}

void start_cpu(void (*entry)())
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, CPU_STACK_BYTES);
    pthread_t thread;
    note_cpu_started();
    int error = pthread_create(&thread, &attributes, run_cpu, reinterpret_cast<void*>(entry));
    pthread_attr_destroy(&attributes);
    if (error != 0) {
        fprintf(stderr, "keel-sim: cannot start the CPU thread: %s\n", strerror(error));
        exit(1);
    }
    pthread_detach(thread);
}

} // namespace sim

namespace hal {

const char* boot_cmdline()
{
    return kernel_cmdline;
}

BootImage boot_initrd()
{
    return initrd;
}

const char* machine_name()
{
    return "sim";
}

} // namespace hal
