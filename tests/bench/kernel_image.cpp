// Booting the benchmark kernel from keel-bench (see kernel_image.hpp): each machine is a
// shell command run through popen() with a time limit, its output kept whole, and its
// exit status checked against what test_exit(true) gives on that machine (0 in the sim,
// 33 from QEMU's isa-debug-exit device).
#include "kernel_image.hpp"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace bench {

namespace {

constexpr int QEMU_EXIT_AFTER_TEST_EXIT_PASSED = 33;
constexpr const char* QEMU_MACHINE_FLAGS = "-m 128M -boot d -display none -serial stdio -monitor none "
                                           "-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04";

std::string shell_quoted(const std::string& text)
{
    std::string quoted = "'";
    for (char character : text)
        quoted += character == '\'' ? std::string("'\\''") : std::string(1, character);
    return quoted + "'";
}

// Runs `command` through the shell with stdin from /dev/null and stderr joined to stdout;
// returns its exit status (-1 when it could not be run or did not exit).
int run_command(const std::string& command, std::string& output)
{
    FILE* pipe = popen((command + " </dev/null 2>&1").c_str(), "r");
    if (!pipe)
        return -1;
    char buffer[4096];
    size_t count;
    while ((count = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, count);
    int status = pclose(pipe);
    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs a machine and fills in `run`: `failure` stays empty when it exited with
// `expected_status`.
void boot(KernelRun& run, const std::string& command, int expected_status)
{
    int status = run_command(command, run.output);
    if (status == expected_status)
        return;
    run.failure = status == 124 ? "timed out" : "exit status " + std::to_string(status);
    std::string first_line = run.output.substr(0, run.output.find('\n'));
    if (!first_line.empty())
        run.failure += " (" + first_line + ")";
}

KernelRun boot_in_qemu(const std::string& iso, bool with_kvm)
{
    KernelRun run;
    std::string icount = "-icount shift=" + std::to_string(ICOUNT_SHIFT);
    run.machine = with_kvm ? "Keel x86_64, QEMU/KVM" : "Keel x86_64, QEMU/TCG " + icount;
    run.rdtsc_per_instruction = with_kvm ? 0 : uint64_t(1) << ICOUNT_SHIFT;
    std::string accelerator = with_kvm ? "-enable-kvm -cpu host" : counting_accelerator();
    std::string time_limit = with_kvm ? "60" : "300";
    std::string qemu = "qemu-system-x86_64 " + accelerator + " " + QEMU_MACHINE_FLAGS;
    std::string command = "timeout " + time_limit + " " + qemu + " -cdrom " + shell_quoted(iso);
    boot(run, command, QEMU_EXIT_AFTER_TEST_EXIT_PASSED);
    return run;
}

KernelRun qemu_with_kvm_or_tcg()
{
    const char* iso = std::getenv("KEEL_BENCH_ISO");
    if (!iso || !*iso || access(iso, R_OK) != 0) {
        KernelRun missing;
        missing.machine = "Keel x86_64, QEMU";
        missing.failure = "not run: KEEL_BENCH_ISO names no readable ISO (./keel bench builds and sets it)";
        return missing;
    }
    std::string why_not_kvm = "/dev/kvm is not writable";
    if (access("/dev/kvm", R_OK | W_OK) == 0) {
        KernelRun with_kvm = boot_in_qemu(iso, true);
        if (with_kvm.failure.empty())
            return with_kvm;
        why_not_kvm = "KVM failed: " + with_kvm.failure;
    }
    KernelRun with_tcg = boot_in_qemu(iso, false);
    with_tcg.note = "no KVM (" + why_not_kvm + "), so TCG";
    return with_tcg;
}

} // namespace

std::string counting_accelerator()
{
    return "-accel tcg -icount shift=" + std::to_string(ICOUNT_SHIFT) + " -cpu qemu64 -smp 1";
}

KernelRun boot_linux_in_qemu(const std::string& machine, const std::string& kernel, const std::string& initrd,
                             const std::string& command_line)
{
    KernelRun run;
    run.machine = machine;
    run.rdtsc_per_instruction = uint64_t(1) << ICOUNT_SHIFT;
    std::string qemu = "qemu-system-x86_64 " + counting_accelerator() + " " + QEMU_MACHINE_FLAGS;
    boot(run, "timeout 900 " + qemu + " -kernel " + shell_quoted(kernel) + " -initrd " + shell_quoted(initrd)
                  + " -append " + shell_quoted(command_line), 0);
    return run;
}

const KernelRun& sim_kernel_run()
{
    static const KernelRun run = [] {
        KernelRun sim;
        sim.machine = "Keel sim";
        std::string initrd = " --initrd " + shell_quoted(KEEL_INITRAMFS);
        boot(sim, "timeout 180 " + shell_quoted(KEEL_SIM_BENCH_KERNEL) + " --headless" + initrd, 0);
        return sim;
    }();
    return run;
}

const KernelRun& qemu_kernel_run()
{
    static const KernelRun run = qemu_with_kvm_or_tcg();
    return run;
}

const KernelRun& qemu_tcg_kernel_run()
{
    if (qemu_kernel_run().counts_instructions() || !qemu_kernel_run().failure.empty())
        return qemu_kernel_run();
    static const KernelRun run = boot_in_qemu(std::getenv("KEEL_BENCH_ISO"), false);
    return run;
}

std::optional<std::map<std::string, uint64_t>> kernel_result(const KernelRun& run, const std::string& name,
                                                             std::string& why_not)
{
    const std::string result_marker = "bench-result " + name + " ";
    const std::string error_marker = "bench-error " + name + ":";
    std::istringstream lines(run.output);
    std::string line;
    while (std::getline(lines, line)) {
        if (size_t error = line.find(error_marker); error != std::string::npos) {
            why_not = line.substr(error);
            return std::nullopt;
        }
        size_t found = line.find(result_marker);
        if (found == std::string::npos)
            continue;
        std::map<std::string, uint64_t> values;
        std::istringstream fields(line.substr(found + result_marker.size()));
        std::string field;
        while (fields >> field) {
            size_t equals = field.find('=');
            if (equals == std::string::npos)
                break;
            values[field.substr(0, equals)] = std::strtoull(field.c_str() + equals + 1, nullptr, 10);
        }
        return values;
    }
    why_not = run.failure.empty() ? "no 'bench-result " + name + "' line in its output" : run.failure;
    return std::nullopt;
}

} // namespace bench
