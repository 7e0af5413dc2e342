// The benchmark kernel (tests/bench/kernel) seen from keel-bench: boot it once as a sim
// process and once in QEMU, and read the figures it prints.
//
// The kernel prints one line per in-kernel benchmark, `bench-result NAME key=value ...`.
// The sim image's path is compiled into keel-bench; the x86_64 ISO is the one the
// KEEL_BENCH_ISO environment variable names (./keel bench builds it with the bench-x86_64
// preset). QEMU first tries KVM with `-cpu host` where /dev/kvm is writable, where rdtsc
// counts real cycles; when that fails it runs TCG with `-icount shift=0`, where the guest's
// rdtsc advances by one per instruction, so its "cycles" are instructions. Each machine
// boots at most once per keel-bench run, however many benchmarks read its figures.
#pragma once
#include <map>
#include <optional>
#include <stdint.h>
#include <string>

namespace bench {

struct KernelRun {
    std::string machine;   // e.g. "Keel sim" or "Keel x86_64, QEMU/KVM"
    bool counts_instructions = false; // rdtsc counted instructions (TCG with -icount)
    std::string output;    // everything the machine printed
    std::string failure;   // why it gave no figures (empty when it ran)
    std::string note;      // how it ran, e.g. why QEMU did not use KVM
};

const KernelRun& sim_kernel_run();
const KernelRun& qemu_kernel_run();

// The values of `run`'s line `bench-result NAME ...`, or nothing (with the reason in
// `why_not`) when it has none.
std::optional<std::map<std::string, uint64_t>> kernel_result(const KernelRun& run, const std::string& name,
                                                             std::string& why_not);

} // namespace bench
