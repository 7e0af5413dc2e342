// procfs: the files about the CPU and the kernel itself, in Linux's layouts (man 5 proc;
// Linux's fs/proc/loadavg.c, stat.c, uptime.c, version.c and fs/filesystems.c), for the
// tools that parse them (ps, top, uptime, free, vmstat):
//
//     loadavg      "0.00 0.01 0.05 1/42 123": the 1-, 5- and 15-minute load averages
//                  (sched/load_average.hpp), runnable/all threads, the newest thread id
//     stat         "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
//                  in USER_HZ ticks, the same for cpu0, then intr (the total, then each
//                  IRQ line's count), ctxt, btime, processes, procs_running,
//                  procs_blocked, softirq
//     uptime       seconds since boot and seconds the CPU idled (by the clock, not by
//                  ticks, which QEMU may deliver faster than time passes), two decimals
//     version      "Keel version RELEASE (keel@keel) (COMPILER) #1 Keel": its first words
//                  are what `uname -sr` prints
//     filesystems  "nodev\tNAME" for each type mount(2) knows (none needs a block device)
//
// Keel charges each tick to the thread it interrupts (sched::cpu_statistics): user time
// when the thread was in user mode, idle when it was the idle thread, system time
// otherwise. nice, iowait, irq, softirq, steal and guest time are not told apart and
// stay 0 (interrupt handlers' time is in the time of the thread they interrupted, as
// without Linux's IRQ_TIME_ACCOUNTING). Keel has no wall clock, so btime (the boot's
// Unix time) is 0, consistent with the CLOCK_REALTIME it gives programs, which counts
// from boot. procs_blocked (threads in disk waits) is 0: Keel has no disk.
#include <fs/procfs/procfs_inodes.hpp>
#include <hal/irq.hpp>
#include <hal/timer.hpp>
#include <kstd/version.hpp>
#include <sched/load_average.hpp>
#include <sched/scheduler.hpp>

namespace fs {

using kstd::Result;
using kstd::Writer;

namespace {
constexpr uint64_t NS_PER_SECOND = 1'000'000'000;

// Linux names its compiler as "gcc-12 (Debian 12.2.0-14) 12.2.0" or "Debian clang
// version 16.0.6"; GCC's __VERSION__ is the number alone, Clang's starts with its name.
#if defined(__clang__)
constexpr const char* COMPILER = __VERSION__;
#else
constexpr const char* COMPILER = "gcc version " __VERSION__;
#endif

// Linux's "seconds.hundredths" of a duration in nanoseconds (rounded down).
void write_seconds(Writer& out, uint64_t ns)
{
    kstd::format_to(out, "{}.{:02}", ns / NS_PER_SECOND, ns % NS_PER_SECOND / (NS_PER_SECOND / 100));
}
} // namespace

Result<void> generate_loadavg(Vfs&, Writer& out)
{
    sched::LoadAverages load = sched::load_averages();
    for (uint64_t average : load.averages) {
        sched::LoadFigure figure = sched::load_figure(average);
        kstd::format_to(out, "{}.{:02} ", figure.whole, figure.hundredths);
    }
    kstd::format_to(out, "{}/{} {}\n", sched::cpu_statistics().runnable, sched::thread_count(),
                    sched::last_thread_id());
    return {};
}

Result<void> generate_stat(Vfs&, Writer& out)
{
    sched::CpuStatistics cpu = sched::cpu_statistics();
    // The totals and the one CPU's line are the same figures.
    for (const char* name : { "cpu ", "cpu0" }) {
        kstd::format_to(out, "{} {} 0 {} {} 0 0 0 0 0 0\n", name, cpu.user_ticks, cpu.system_ticks,
                        cpu.idle_ticks);
    }
    uint64_t interrupts = 0;
    for (unsigned line = 0; line < hal::IRQ_LINES; ++line)
        interrupts += hal::irq_count(line);
    kstd::format_to(out, "intr {}", interrupts);
    for (unsigned line = 0; line < hal::IRQ_LINES; ++line)
        kstd::format_to(out, " {}", hal::irq_count(line));
    kstd::format_to(out, "\nctxt {}\nbtime 0\nprocesses {}\nprocs_running {}\nprocs_blocked 0\n",
                    cpu.context_switches, sched::last_thread_id(), cpu.runnable);
    out.write("softirq 0 0 0 0 0 0 0 0 0 0 0\n");
    return {};
}

Result<void> generate_uptime(Vfs&, Writer& out)
{
    uint64_t now = hal::clock_ns();
    uint64_t idle = sched::cpu_statistics().idle_ns;
    write_seconds(out, now);
    out.write(" ");
    write_seconds(out, idle);
    out.write("\n");
    return {};
}

Result<void> generate_version(Vfs&, Writer& out)
{
    kstd::format_to(out, "{} version ", kstd::KERNEL_NAME);
    kstd::write_kernel_release(out);
    kstd::format_to(out, " (keel@keel) ({}) {}\n", COMPILER, kstd::KERNEL_BUILD);
    return {};
}

Result<void> generate_filesystems(Vfs&, Writer& out)
{
    for (const FileSystemType& type : file_system_types())
        kstd::format_to(out, "nodev\t{}\n", type.name);
    return {};
}

} // namespace fs
