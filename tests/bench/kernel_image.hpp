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
// The x86_64 benchmark kernel under TCG whatever KVM can do: qemu_kernel_run() when that
// was TCG already, else a boot of its own. For comparisons with another kernel run the
// same way (linux_peer_benchmark.cpp).
const KernelRun& qemu_tcg_kernel_run();

// QEMU's flags for counting instructions: TCG, -icount shift=ICOUNT_SHIFT, one qemu64 CPU.
std::string counting_accelerator();
// Boots a Linux kernel image with an initial RAM disk and a command line in QEMU, with the
// flags the Keel runs have (counting_accelerator(), 128 MiB, the serial line as output),
// named `machine`; its init is to power the machine off, which ends QEMU with status 0.
KernelRun boot_linux_in_qemu(const std::string& machine, const std::string& kernel, const std::string& initrd,
                             const std::string& command_line);

// The values of `run`'s line `bench-result NAME ...`, or nothing (with the reason in
// `why_not`) when it has none.
std::optional<std::map<std::string, uint64_t>> kernel_result(const KernelRun& run, const std::string& name,
                                                             std::string& why_not);

} // namespace bench
