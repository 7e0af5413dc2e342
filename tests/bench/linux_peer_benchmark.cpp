// The same binary on Linux and on Keel, in the same QEMU: `./keel bench linux`.
//
// Debian's own kernel (the linux-image-*-amd64 package that linux-image-amd64 depends on,
// fetched by tools/fetch_linux_kernel.sh at bench time; KEEL_LINUX_KERNEL names its
// vmlinuz, KEEL_LINUX_PACKAGE its name and version) boots with an initial RAM disk written
// here: user/bench_init.c as /init, and syscall_bench and true, the very files Keel's
// initramfs holds. Its command line hands "/bin/syscall_bench /bin/true" to init, which
// runs it and powers off. Keel's x86_64 benchmark kernel runs the same syscall_bench in
// the same QEMU with the same flags (kernel_image.hpp: TCG, -icount, qemu64, one CPU, 128
// MiB), so rdtsc differences count guest instructions on both. Linux boots twice: as
// Debian ships it, and with mitigations=off init_on_alloc=0 (no retpolines or speculation
// barriers, no zeroing of every allocation), so that the comparison is honest both ways.
#include "benchmark.hpp"
#include "cpio_writer.hpp"
#include "kernel_image.hpp"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unistd.h>

namespace {

struct Operation {
    const char* name; // syscall_bench's
    const char* heading;
};

constexpr Operation OPERATIONS[] = {
    { "getpid", "getpid() (the null system call)" },
    { "enosys", "an unknown system call (ENOSYS)" },
    { "fork_exit_wait", "fork + exit + wait" },
    { "vfork_exit_wait", "vfork + exit + wait" },
    { "fork_exec_wait", "fork + execve(true) + wait" },
    { "spawn_wait", "posix_spawn(true) + wait" },
    { "yield_round_trip", "sched_yield round trip, 2 processes" },
    { "pipe_round_trip", "1-byte pipe round trip, 2 processes" },
    { "demand_zero_fault", "demand-zero page fault, per page" },
    { "munmap", "munmap, per written page" },
    { "file_cycle", "create + write 16 B + close + stat + unlink" },
    { "stat_16_deep", "stat of a path 16 directories deep" },
    { "pipe_64k_write", "64 KiB through a pipe to a reader" },
};

const char* environment_or(const char* name, const char* fallback)
{
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}

// Writes the initial RAM disk for Linux to `path`; an error message, or empty on success.
std::string write_linux_initramfs(const std::string& path)
{
    std::string programs = KEEL_USER_PROGRAM_DIR;
    return bench::write_cpio(path, { { "bin", "" },
                                     { "dev", "" },
                                     { "proc", "" },
                                     { "tmp", "" },
                                     { "init", programs + "/bench_init" },
                                     { "bin/syscall_bench", programs + "/syscall_bench" },
                                     { "bin/true", programs + "/true" } });
}

bench::KernelRun linux_run(const std::string& machine, const std::string& kernel, const std::string& initrd,
                           const std::string& extra_options)
{
    // nowatchdog: under -icount the guest's clock leaps while QEMU translates code, which
    // the soft-lockup watchdog would report; quiet keeps the boot log off the line.
    std::string command_line = "console=ttyS0 quiet nowatchdog panic=-1 " + extra_options
        + " -- /bin/syscall_bench /bin/true";
    return bench::boot_linux_in_qemu(machine, kernel, initrd, command_line);
}

// Instructions per operation of `run`, or nothing (with the reason in `why_not`).
std::optional<double> instructions(const bench::KernelRun& run, const char* operation, std::string& why_not)
{
    auto values = bench::kernel_result(run, operation, why_not);
    if (!values)
        return std::nullopt;
    return run.counted((*values)["cycles_per_op"]);
}

} // namespace

KEEL_BENCHMARK(linux, "the same static binary on Debian's Linux and on Keel in one QEMU, in instructions")
{
    const char* kernel = environment_or("KEEL_LINUX_KERNEL", "");
    if (!*kernel || access(kernel, R_OK) != 0) {
        std::printf("linux: not run: KEEL_LINUX_KERNEL names no readable kernel image (./keel bench linux "
                    "fetches Debian's and sets it)\n\n");
        return;
    }
    char initrd[] = "/tmp/keel-linux-peer-XXXXXX";
    int initrd_fd = mkstemp(initrd);
    std::string failure = initrd_fd < 0 ? "cannot make a temporary file" : write_linux_initramfs(initrd);
    if (initrd_fd >= 0)
        close(initrd_fd);
    if (!failure.empty()) {
        std::printf("linux: not run: %s\n\n", failure.c_str());
        unlink(initrd);
        return;
    }
    std::string package = environment_or("KEEL_LINUX_PACKAGE", "Linux");
    const bench::KernelRun runs[] = {
        linux_run("Linux", kernel, initrd, ""),
        linux_run("Linux, mitigations=off init_on_alloc=0", kernel, initrd, "mitigations=off init_on_alloc=0"),
    };
    unlink(initrd);
    const bench::KernelRun& keel = bench::qemu_tcg_kernel_run();
    bench::Table table({ "operation", runs[0].machine, runs[1].machine, "Keel", "Keel / Linux",
                         "Keel / Linux without mitigations" });
    std::string why_not[3];
    for (const Operation& operation : OPERATIONS) {
        auto on_linux = instructions(runs[0], operation.name, why_not[0]);
        auto on_lean_linux = instructions(runs[1], operation.name, why_not[1]);
        auto on_keel = instructions(keel, operation.name, why_not[2]);
        auto cell = [](const std::optional<double>& value) { return value ? bench::fixed(*value, 0) : "-"; };
        auto ratio = [&](const std::optional<double>& linux) {
            return linux && on_keel ? bench::fixed(*on_keel / *linux, 2) : "-";
        };
        table.add_row({ operation.heading, cell(on_linux), cell(on_lean_linux), cell(on_keel), ratio(on_linux),
                        ratio(on_lean_linux) });
    }
    table.print();
    const char* machines[] = { "Linux", "Linux without mitigations", "Keel" };
    for (int index = 0; index < 3; ++index)
        if (!why_not[index].empty())
            std::printf("%s: %s.\n", machines[index], why_not[index].c_str());
    std::printf("Guest instructions per operation (rdtsc under %s, divided by %u), best of three rounds "
                "(65,536,000 / the pipe row is its throughput in MB per billion instructions); "
                "Linux is Debian's %s; QEMU's CPU model is qemu64 for both.\n\n",
                bench::counting_accelerator().c_str(), 1u << bench::ICOUNT_SHIFT, package.c_str());
}
