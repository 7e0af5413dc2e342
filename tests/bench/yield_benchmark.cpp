// Yield benchmark: the cost of a thread switch through yield, as the ping-pong of
// ping_pong.hpp between two threads on one CPU. Side by side in one run: two Linux threads
// pinned to one CPU calling sched_yield(), here in keel-bench; two Keel threads calling
// sched::yield() in the sim; and the same in the x86_64 benchmark kernel under QEMU (see
// kernel_image.hpp for the machines). The figure is rdtsc cycles per switch and its ratio
// to Linux's, except under QEMU's TCG, where rdtsc counts instructions: there the ratio
// compares unlike units and is shown in brackets.
#include "benchmark.hpp"
#include "kernel_image.hpp"
#include "ping_pong.hpp"

#include <atomic>
#include <cstdio>
#include <pthread.h>
#include <sched.h>
#include <thread>

namespace {

struct Row {
    std::string machine;
    const char* unit = "";
    double per_switch = 0;
    double yields_per_switch = 0;
    std::string failure; // why a Keel machine gave no figures
};

bool pin_to_cpu(int cpu)
{
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    CPU_SET(cpu, &cpus);
    return pthread_setaffinity_np(pthread_self(), sizeof cpus, &cpus) == 0;
}

Row linux_row()
{
    int cpu = sched_getcpu();
    Row row;
    row.machine = "Linux, 2 threads pinned to CPU " + std::to_string(cpu);
    row.unit = "cycles";
    std::atomic<bool> pinned = true;
    bench::PingPong best(bench::PING_PONG_PASSES_PER_SIDE);
    bench::play_best_game(best, [&](bench::PingPong& game) {
        auto player = [&](unsigned side) {
            if (!pin_to_cpu(cpu))
                pinned = false;
            game.play(side, [] { sched_yield(); }, bench::read_cycles);
        };
        std::thread ping(player, 0u);
        std::thread pong(player, 1u);
        ping.join();
        pong.join();
        return true;
    });
    if (!pinned)
        row.machine = "Linux, 2 threads NOT pinned (pthread_setaffinity_np failed)";
    row.per_switch = double(best.measured_cycles()) / double(best.measured_switches());
    row.yields_per_switch = double(best.measured_yields()) / double(best.measured_switches());
    return row;
}

Row keel_row(const bench::KernelRun& run)
{
    Row row;
    row.machine = run.machine;
    row.unit = run.counter();
    auto values = bench::kernel_result(run, "yield", row.failure);
    if (values && (*values)["switches"] > 0) {
        double switches = double((*values)["switches"]);
        row.per_switch = run.counted((*values)["cycles"]) / switches;
        row.yields_per_switch = double((*values)["yields"]) / switches;
    } else if (values) {
        row.failure = "its result line counts no switches";
    }
    return row;
}

KEEL_BENCHMARK(yield, "thread yield ping-pong on one CPU, cost per switch: Linux threads and Keel")
{
    Row linux = linux_row();
    const bench::KernelRun& qemu = bench::qemu_kernel_run();
    Row rows[] = { linux, keel_row(bench::sim_kernel_run()), keel_row(qemu) };

    bench::Table table({ "machine", "counter", "per switch", "yields/switch", "x Linux" });
    for (const Row& row : rows) {
        if (!row.failure.empty()) {
            table.add_row({ row.machine, "-", "-", "-", "-" });
            continue;
        }
        std::string ratio = bench::fixed(row.per_switch / linux.per_switch, 3);
        bool same_unit = std::string(row.unit) == linux.unit;
        table.add_row({ row.machine, row.unit, bench::fixed(row.per_switch, 0),
                        bench::fixed(row.yields_per_switch, 2), same_unit ? ratio : "(" + ratio + ")" });
    }
    table.print();
    for (const Row& row : rows) {
        if (!row.failure.empty())
            std::printf("%s: %s.\n", row.machine.c_str(), row.failure.c_str());
    }
    if (!qemu.note.empty())
        std::printf("QEMU: %s.\n", qemu.note.c_str());
    if (qemu.counts_instructions())
        std::printf("Under TCG with -icount shift=%u the guest's rdtsc advances %llu per instruction, so "
                    "its figure is instructions per switch (timer ticks included), and its ratio "
                    "to Linux's cycles (in brackets) compares unlike units.\n",
                    bench::ICOUNT_SHIFT, (unsigned long long)qemu.rdtsc_per_instruction);
    std::printf("\n");
}

} // namespace
