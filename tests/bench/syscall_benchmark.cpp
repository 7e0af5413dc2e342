// System call, fork and exec benchmark: one static program, user/syscall_bench.c, run
// natively on the host Linux and as a user program on Keel (the benchmark kernel starts
// it: in the sim, and in QEMU; see kernel_image.hpp). It prints, per operation, rdtsc
// ticks per operation (best of three rounds): CPU cycles on the host and in the sim (where
// each system call is a ptrace stop of the stub process), instructions in QEMU under TCG
// with -icount. So the host and the sim compare like units; QEMU's ratio (in brackets)
// does not. The fair comparison, the same binary on Linux in the same QEMU, is `./keel
// bench linux` (linux_peer_benchmark.cpp).
#include "benchmark.hpp"
#include "kernel_image.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

namespace {

const char* const OPERATIONS[] = { "getpid", "enosys", "fork_exit_wait", "fork_exec_wait" };
const char* const HEADINGS[] = { "getpid()", "ENOSYS", "fork+exit+wait", "fork+exec+wait" };

struct Row {
    std::string machine;
    std::string unit;
    std::map<std::string, double> per_operation;
    std::string failure;
};

// Runs the program on the host and reads its `bench-result NAME ... cycles_per_op=N` lines.
Row linux_row()
{
    Row row { "Linux (this host), the same binary", "cycles", {}, "" };
    std::string program = std::string(KEEL_USER_PROGRAM_DIR) + "/syscall_bench";
    std::string command = program + " " + KEEL_USER_PROGRAM_DIR + "/true 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        row.failure = "cannot run " + program;
        return row;
    }
    std::string output;
    char buffer[4096];
    size_t count;
    while ((count = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, count);
    pclose(pipe);
    bench::KernelRun as_run;
    as_run.output = output;
    for (const char* operation : OPERATIONS) {
        auto values = bench::kernel_result(as_run, operation, row.failure);
        if (!values)
            return row;
        row.per_operation[operation] = double((*values)["cycles_per_op"]);
    }
    return row;
}

Row keel_row(const bench::KernelRun& run)
{
    Row row { run.machine, run.counter(), {}, "" };
    for (const char* operation : OPERATIONS) {
        auto values = bench::kernel_result(run, operation, row.failure);
        if (!values)
            return row;
        row.per_operation[operation] = run.counted((*values)["cycles_per_op"]);
    }
    return row;
}

KEEL_BENCHMARK(syscalls, "null system call, fork+exit+wait, fork+exec+wait: one static binary on Linux and Keel")
{
    Row rows[] = { linux_row(), keel_row(bench::sim_kernel_run()), keel_row(bench::qemu_kernel_run()) };
    const Row& linux = rows[0];
    std::vector<std::string> headings { "machine", "counter" };
    for (const char* heading : HEADINGS)
        headings.push_back(heading);
    bench::Table table(headings);
    for (const Row& row : rows) {
        std::vector<std::string> cells { row.machine, row.failure.empty() ? row.unit : "-" };
        for (const char* operation : OPERATIONS) {
            if (!row.failure.empty()) {
                cells.push_back("-");
                continue;
            }
            double value = row.per_operation.at(operation);
            std::string cell = bench::fixed(value, 0);
            if (&row != &linux && linux.failure.empty()) {
                std::string ratio = bench::fixed(value / linux.per_operation.at(operation), 2);
                cell += row.unit == linux.unit ? " (x" + ratio + ")" : " [x" + ratio + "]";
            }
            cells.push_back(cell);
        }
        table.add_row(cells);
    }
    table.print();
    for (const Row& row : rows)
        if (!row.failure.empty())
            std::printf("%s: %s.\n", row.machine.c_str(), row.failure.c_str());
    std::printf("Per operation, best of three rounds; (xN) is the ratio to Linux in the same unit, "
                "[xN] a ratio of unlike units (instructions to cycles).\n\n");
}

} // namespace
