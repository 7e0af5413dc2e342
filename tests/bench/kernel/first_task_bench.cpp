// The first task of the benchmark kernel (keel-sim-bench in the sim, keel-bench-kernel.iso
// on x86_64): runs the in-kernel benchmarks and prints each one's figures as a line that
// keel-bench reads (tests/bench/kernel_image.hpp), then ends the machine through
// test_exit: the process exit status in the sim, isa-debug-exit in QEMU.
//
//     bench-result yield switches=198000 yields=198000 cycles=41580000
//
// yield: the ping-pong of ping_pong.hpp between two Keel threads calling sched::yield(),
// the best of its games. Then the user program /bin/syscall_bench runs and prints its own
// lines (getpid, enosys, fork_exit_wait, fork_exec_wait: see user/syscall_bench.c). The cycles are hal::cycles() (rdtsc): host cycles in the sim and
// under KVM; in QEMU under TCG with -icount, instructions times 2^shift.
#include "../ping_pong.hpp"

#include <console/print.hpp>
#include <fs/kernel_fs.hpp>
#include <hal/boot.hpp>
#include <hal/cpu.hpp>
#include <hal/power.hpp>
#include <init/first_task.hpp>
#include <proc/exec.hpp>
#include <proc/exit.hpp>
#include <sched/scheduler.hpp>

namespace {

struct Player {
    bench::PingPong* game;
    unsigned side;
};

void play(void* argument)
{
    auto& player = *static_cast<Player*>(argument);
    player.game->play(player.side, sched::yield, hal::cycles);
}

// Plays one game between two threads just below the first task's priority (the highest),
// so that both exist before either runs and nothing else is ready at their level.
bool play_one_game(bench::PingPong& game)
{
    Player players[2] = { { &game, 0 }, { &game, 1 } };
    sched::Thread* threads[2] = {};
    for (unsigned side = 0; side < 2; ++side) {
        auto spawned = sched::spawn(side == 0 ? "ping" : "pong", play, &players[side],
                                    { .priority = sched::HIGHEST_PRIORITY - 1 });
        if (spawned.is_error()) {
            console::println("bench-error yield: cannot spawn a player: {}", spawned.error().description());
            return false;
        }
        threads[side] = spawned.value();
    }
    for (sched::Thread* thread : threads)
        sched::join(thread);
    return true;
}

bool run_yield_ping_pong()
{
    auto raised = sched::set_priority(sched::current().id, sched::HIGHEST_PRIORITY);
    if (raised.is_error()) {
        console::println("bench-error yield: cannot raise the first task's priority: {}",
                         raised.error().description());
        return false;
    }
    bench::PingPong best(bench::PING_PONG_PASSES_PER_SIDE);
    if (!bench::play_best_game(best, play_one_game))
        return false;
    console::println("bench-result yield switches={} yields={} cycles={}", best.measured_switches(),
                     best.measured_yields(), best.measured_cycles());
    return true;
}

// syscall_bench (user/syscall_bench.c) as a user program, its output on the console: its
// own `bench-result` lines for the null system call, fork and exec.
bool run_user_benchmark()
{
    auto files = fs::current();
    if (files.is_error()) {
        console::println("bench-error syscalls: no file system context");
        return false;
    }
    // The sim traps each system call through ptrace, tens of microseconds each: a tenth of
    // the repetitions keeps its run short (the figures are per operation).
    bool slow = kstd::StringView(hal::machine_name()) == "sim";
    kstd::StringView arguments[] = { "/bin/syscall_bench", "/bin/true", slow ? "10" : "1" };
    kstd::StringView environment[] = { "PATH=/bin" };
    auto pid = proc::spawn_program({ arguments[0], arguments, environment }, *files.value(), "/dev/console");
    if (pid.is_error()) {
        console::println("bench-error syscalls: cannot start {}: {}", arguments[0], pid.error().description());
        return false;
    }
    int status = proc::wait_for_kernel_child(pid.value());
    if (status != proc::exit_wait_status(0)) {
        console::println("bench-error syscalls: {} ended with wait status {:#x}", arguments[0], status);
        return false;
    }
    return true;
}

} // namespace

void run_first_task()
{
    bool yield_ran = run_yield_ping_pong();
    bool user_ran = run_user_benchmark();
    hal::test_exit(yield_ran && user_ran);
}
