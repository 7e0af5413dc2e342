// The first task of the benchmark kernel (keel-sim-bench in the sim, keel-bench-kernel.iso
// on x86_64): runs the in-kernel benchmarks and prints each one's figures as a line that
// keel-bench reads (tests/bench/kernel_image.hpp), then ends the machine through
// test_exit: the process exit status in the sim, isa-debug-exit in QEMU.
//
//     bench-result yield switches=198000 yields=198000 cycles=41580000
//
// yield: the ping-pong of ping_pong.hpp between two Keel threads calling sched::yield(),
// the best of its games. The cycles are hal::cycles() (rdtsc): host cycles in the sim and
// under KVM; in QEMU under TCG with -icount, instructions times 2^shift.
#include "../ping_pong.hpp"

#include <console/print.hpp>
#include <hal/cpu.hpp>
#include <hal/power.hpp>
#include <init/first_task.hpp>
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

} // namespace

void run_first_task()
{
    hal::test_exit(run_yield_ping_pong());
}
