// kernel_main: where every target hands over to the core once its machine is up.
//
// Order matters: the console first (so everything after it can be seen), then the log
// banner, the memory manager (page tables, frames, the heap: everything after it may
// allocate), the scheduler (this flow becomes thread "main") and the async executor's
// thread, the devices that raise interrupts (input), the file systems and the system
// call table (user programs can run from then on), the tick, interrupts on, the status
// line if the command line asks for it, and finally the image's first task, which never
// returns.
#include <async/kernel_executor.hpp>
#include <console/print.hpp>
#include <fs/kernel_fs.hpp>
#include <hal/boot.hpp>
#include <hal/irq.hpp>
#include <hal/memory.hpp>
#include <init/first_task.hpp>
#include <input/input.hpp>
#include <log/log.hpp>
#include <mm/mm.hpp>
#include <proc/proc_files.hpp>
#include <proc/signals.hpp>
#include <kstd/version.hpp>
#include <sched/scheduler.hpp>
#include <syscall/syscall.hpp>
#include <status/status.hpp>
#include <time/tick.hpp>

namespace {

void print_banner()
{
    using console::Color;
    console::print(console::fg(Color::LightCyan), "Keel");
    console::println(" {} on {}", kstd::keel_version(), hal::machine_name());
    const char* cmdline = hal::boot_cmdline();
    if (cmdline && *cmdline)
        klog::info("command line: {}", cmdline);
}

void report_memory()
{
    uint64_t usable_bytes = 0;
    size_t ranges = hal::usable_memory_range_count();
    for (size_t index = 0; index < ranges; ++index)
        usable_bytes += hal::usable_memory_range(index).length;
    klog::info("memory: {} KiB usable in {} range(s)", usable_bytes / 1024, ranges);
}

} // namespace

void kernel_main()
{
    console::init_kernel_console();
    print_banner();
    report_memory();
    mm::init();
    sched::init();
    async::start_kernel_executor();
    input::init();
    fs::init();
    proc::register_procfs_source();
    proc::connect_terminal_signals();
    syscalls::init();
    ktime::start_tick(sched::on_tick);
    hal::irq_enable();
    status::apply_status_line_option();
    run_first_task();
}
