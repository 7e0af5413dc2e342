// Pick benchmark: what choosing the next thread costs the scheduler as the number of
// ready threads grows. sched::RunQueue (core/sched/run_queue.hpp) holds 10 or 10,000
// threads, all on one priority level or spread over all 32; a pair takes the next thread
// (pick_next) and queues it again at the tail of its level (enqueue), as a yield does.
// The bitmap of non-empty levels makes the pick one count-leading-zeros whatever the
// number of threads, so the cost per pair should not grow with it.
#include "benchmark.hpp"

#include <sched/run_queue.hpp>

#include <algorithm>
#include <vector>

namespace {

bench::Measurement time_pick_enqueue_pairs(size_t ready_threads, unsigned levels)
{
    std::vector<sched::Schedulable> threads(ready_threads);
    sched::RunQueue queue;
    uint64_t tick = 0;
    for (size_t index = 0; index < threads.size(); ++index) {
        queue.set_base_priority(threads[index], unsigned(index % levels));
        queue.enqueue(threads[index], tick);
    }
    return bench::measure([&](uint64_t count) -> uint64_t {
        for (uint64_t pair = 0; pair < count; ++pair)
            queue.enqueue(*queue.pick_next(), ++tick);
        return count;
    });
}

KEEL_BENCHMARK(pick, "scheduler pick_next+enqueue pairs with 10 and 10,000 ready threads, in cycles")
{
    bench::Table table({ "ready threads", "priority levels", "cycles/pair", "ns/pair", "x 10 ready" });
    for (unsigned levels : { 1u, sched::PRIORITY_LEVELS }) {
        double cycles_with_ten = 0;
        for (size_t ready_threads : { size_t(10), size_t(10'000) }) {
            bench::Measurement measurement = time_pick_enqueue_pairs(ready_threads, levels);
            if (ready_threads == 10)
                cycles_with_ten = measurement.cycles_per_operation;
            size_t levels_used = std::min<size_t>(levels, ready_threads);
            table.add_row({ std::to_string(ready_threads), std::to_string(levels_used),
                            bench::fixed(measurement.cycles_per_operation, 1),
                            bench::fixed(measurement.ns_per_operation, 1),
                            bench::fixed(measurement.cycles_per_operation / cycles_with_ten, 2) });
        }
    }
    table.print();
}

} // namespace
