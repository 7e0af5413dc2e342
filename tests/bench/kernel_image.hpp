// The benchmark kernel (tests/bench/kernel) seen from keel-bench: boot it once as a sim
// process and once in QEMU, and read the figures it prints.
//
// The kernel prints one line per in-kernel benchmark, `bench-result NAME key=value ...`.
// The paths of the sim image and of the initramfs it boots with are compiled into
// keel-bench; the x86_64 ISO is the one the KEEL_BENCH_ISO environment variable names
// (./keel bench builds it with the bench-x86_64 preset). QEMU first tries KVM with
// `-cpu host` where /dev/kvm is writable, where rdtsc counts real cycles. When that fails
// it runs TCG with `-icount shift=ICOUNT_SHIFT`: each instruction then advances the
// virtual clock, and with it the guest's rdtsc, by exactly 2^ICOUNT_SHIFT, so a
// difference divided by that counts instructions. (shift=0, one tick an instruction,
// would need no division, but GRUB's boot waits in virtual time while it crawls through
// port I/O, which icount makes slow: it did not reach the kernel in 400 s.)
// Each machine boots at most once per keel-bench run, however many benchmarks read it.
#pragma once
#include <map>
#include <optional>
#include <stdint.h>
#include <string>

namespace bench {

inline constexpr unsigned ICOUNT_SHIFT = 8;

struct KernelRun {
    std::string machine;   // e.g. "Keel sim" or "Keel x86_64, QEMU/KVM"
    uint64_t rdtsc_per_instruction = 0; // under -icount; 0 when rdtsc counts cycles
    std::string output;    // everything the machine printed
    std::string failure;   // why it gave no figures (empty when it ran)
    std::string note;      // how it ran, e.g. why QEMU did not use KVM

    bool counts_instructions() const { return rdtsc_per_instruction != 0; }
    const char* counter() const { return counts_instructions() ? "instructions" : "cycles"; }
    // An rdtsc difference measured on this machine, in its counter's unit.
    double counted(uint64_t rdtsc_ticks) const
    {
        return double(rdtsc_ticks) / double(counts_instructions() ? rdtsc_per_instruction : 1);
    }
};

const KernelRun& sim_kernel_run();
const KernelRun& qemu_kernel_run();

// The values of `run`'s line `bench-result NAME ...`, or nothing (with the reason in
// `why_not`) when it has none.
std::optional<std::map<std::string, uint64_t>> kernel_result(const KernelRun& run, const std::string& name,
                                                             std::string& why_not);

} // namespace bench
