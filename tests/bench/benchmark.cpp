// The benchmark registry, timers and table printer, and main(): run every benchmark or
// the ones named on the command line.
#include "benchmark.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <x86intrin.h>

namespace bench {

namespace {
std::vector<Benchmark>& registry()
{
    static std::vector<Benchmark> benchmarks;
    return benchmarks;
}
} // namespace

Registration::Registration(const char* name, const char* summary, BenchmarkFunction run)
{
    registry().push_back({ name, summary, run });
}

std::vector<Benchmark> registered_benchmarks()
{
    std::vector<Benchmark> benchmarks = registry();
    std::sort(benchmarks.begin(), benchmarks.end(),
              [](const Benchmark& a, const Benchmark& b) { return std::strcmp(a.name, b.name) < 0; });
    return benchmarks;
}

uint64_t now_ns()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return uint64_t(now.tv_sec) * 1'000'000'000 + uint64_t(now.tv_nsec);
}

uint64_t read_cycles()
{
    return __rdtsc();
}

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

void Table::print() const
{
    std::vector<size_t> widths;
    for (const auto& row : m_rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (size_t column = 0; column < row.size(); ++column)
            widths[column] = std::max(widths[column], row[column].size());
    }
    auto print_row = [&](const std::vector<std::string>& row) {
        for (size_t column = 0; column < widths.size(); ++column) {
            const std::string cell = column < row.size() ? row[column] : "";
            std::printf("| %-*s ", int(widths[column]), cell.c_str());
        }
        std::printf("|\n");
    };
    print_row(m_rows.front());
    for (size_t column = 0; column < widths.size(); ++column)
        std::printf("|%s", std::string(widths[column] + 2, '-').c_str());
    std::printf("|\n");
    for (size_t row = 1; row < m_rows.size(); ++row)
        print_row(m_rows[row]);
    std::printf("\n");
    std::fflush(stdout);
}

} // namespace bench

int main(int argc, char** argv)
{
    std::vector<bench::Benchmark> benchmarks = bench::registered_benchmarks();
    if (argc > 1 && std::strcmp(argv[1], "--list") == 0) {
        for (const auto& benchmark : benchmarks)
            std::printf("%-24s %s\n", benchmark.name, benchmark.summary);
        return 0;
    }
    std::vector<bench::Benchmark> chosen;
    for (int index = 1; index < argc; ++index) {
        auto found = std::find_if(benchmarks.begin(), benchmarks.end(),
                                  [&](const bench::Benchmark& benchmark) { return std::strcmp(benchmark.name, argv[index]) == 0; });
        if (found == benchmarks.end()) {
            std::fprintf(stderr, "keel-bench: no benchmark '%s' (see --list)\n", argv[index]);
            return 2;
        }
        chosen.push_back(*found);
    }
    if (chosen.empty())
        chosen = benchmarks;
    for (const auto& benchmark : chosen) {
        std::printf("## %s: %s\n\n", benchmark.name, benchmark.summary);
        std::fflush(stdout);
        benchmark.run();
    }
    return 0;
}
