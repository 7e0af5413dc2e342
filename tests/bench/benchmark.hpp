// Keel's host benchmarks: a registry of named benchmarks, a timer, and a table printer.
//
// Each benchmark file registers its functions with KEEL_BENCHMARK(name, "what it shows");
// keel-bench runs all of them, or those named on its command line, and each prints its
// figures as a Markdown table (ready for docs/benchmarks.md). Benchmarks report figures
// and ratios measured side by side in one run; they never pass or fail on time.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <string>
#include <vector>

namespace bench {

using BenchmarkFunction = void (*)();

struct Benchmark {
    const char* name;
    const char* summary;
    BenchmarkFunction run;
};

// Every registered benchmark, in name order.
std::vector<Benchmark> registered_benchmarks();

class Registration {
public:
    Registration(const char* name, const char* summary, BenchmarkFunction run);
};

#define KEEL_BENCHMARK(identifier, summary)                                                \
    static void identifier();                                                              \
    static const ::bench::Registration identifier##_registration(#identifier, summary, identifier); \
    static void identifier()

struct Measurement {
    double ns_per_operation = 0;
    double cycles_per_operation = 0;
    // Operations in the batch that gave the figures; when the batch stopped early
    // (`exhausted`), how many it managed before stopping.
    uint64_t operations = 0;
    bool exhausted = false;
};

// Measures a batch function `uint64_t batch(uint64_t count)` that performs up to `count`
// operations and returns how many it performed (fewer means it ran out of something).
// The count doubles until a batch takes `budget_ns`; then the best of three batches of that
// size gives the figures. A batch that falls short ends the measurement at once.
template<typename Batch>
Measurement measure(Batch&& batch, uint64_t budget_ns = 40'000'000);

uint64_t now_ns();
uint64_t read_cycles();

std::string fixed(double value, int decimals);

// A Markdown table with columns padded to line up.
class Table {
public:
    explicit Table(std::vector<std::string> headings) : m_rows { std::move(headings) } {}
    void add_row(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }
    void print() const;

private:
    std::vector<std::vector<std::string>> m_rows;
};

template<typename Batch>
Measurement measure(Batch&& batch, uint64_t budget_ns)
{
    auto timed = [&](uint64_t count, Measurement& result) {
        uint64_t start_ns = now_ns();
        uint64_t start_cycles = read_cycles();
        uint64_t done = batch(count);
        uint64_t cycles = read_cycles() - start_cycles;
        uint64_t elapsed = now_ns() - start_ns;
        if (done > 0) {
            result.ns_per_operation = double(elapsed) / double(done);
            result.cycles_per_operation = double(cycles) / double(done);
        }
        result.operations = done;
        result.exhausted = done < count;
        return elapsed;
    };
    Measurement result;
    uint64_t count = 64;
    while (timed(count, result) < budget_ns && !result.exhausted)
        count *= 2;
    for (int repeat = 0; repeat < 3 && !result.exhausted; ++repeat) {
        Measurement again;
        timed(count, again);
        if (again.exhausted || again.ns_per_operation < result.ns_per_operation)
            result = again;
    }
    return result;
}

} // namespace bench
