// Heap benchmark: small-object allocate+free pairs on each Keel heap and on glibc malloc,
// side by side in one run, on an empty heap and among long-lived objects.
//
// Every heap gets its pages from the kernel's buddy allocator over host memory
// (buddy_page_source.hpp). A pair allocates an object of a size from a fixed pseudo-random
// sequence (16..512 bytes), writes a byte into it and frees it. "Live objects" N first
// allocates N objects of those sizes, each followed by a small one (16..64 bytes) that is
// freed again, so the N live objects have small holes between them, as in a heap that has
// been in use for a while: first fit walks past every hole too small for the request, and
// its address-ordered free walks the list as well. Figures are the best of three timed
// batches; the ratio is the heap's cost per pair over glibc's at the same live count.
#include "benchmark.hpp"
#include "buddy_page_source.hpp"

#include <mm/heap/heap_holder.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <string>

namespace {

constexpr size_t ARENA_BYTES = size_t(256) << 20;
constexpr size_t SIZE_COUNT = 4096; // a power of two
constexpr size_t LIVE_COUNTS[] = { 0, 1000, 10000, 100000 };

std::vector<size_t> make_sizes()
{
    std::vector<size_t> sizes(SIZE_COUNT);
    uint64_t state = 0x9e3779b97f4a7c15;
    for (size_t& size : sizes) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        size = 16 + state % 497;
    }
    return sizes;
}
const std::vector<size_t> SIZES = make_sizes();

struct GlibcAllocator {
    void* allocate(size_t bytes) { return std::malloc(bytes); }
    void free(void* pointer) { std::free(pointer); }
};

struct KeelAllocator {
    mm::Heap& heap;
    void* allocate(size_t bytes) { return heap.allocate(bytes); }
    void free(void* pointer) { heap.free(pointer); }
};

template<typename Allocator>
bench::Measurement time_pairs(Allocator& allocator, size_t live_count)
{
    std::vector<void*> live;
    std::vector<void*> holes;
    for (size_t index = 0; index < live_count; ++index) {
        live.push_back(allocator.allocate(SIZES[index % SIZE_COUNT]));
        holes.push_back(allocator.allocate(16 + SIZES[index % SIZE_COUNT] % 49));
    }
    // Highest address first, so that an address-ordered free list grows at its head.
    std::sort(holes.begin(), holes.end(), std::greater<void*>());
    for (void* hole : holes)
        allocator.free(hole);

    size_t cursor = 0;
    bench::Measurement measurement = bench::measure([&](uint64_t count) -> uint64_t {
        for (uint64_t pair = 0; pair < count; ++pair) {
            void* pointer = allocator.allocate(SIZES[cursor++ % SIZE_COUNT]);
            if (!pointer)
                return pair;
            *static_cast<volatile char*>(pointer) = 1;
            allocator.free(pointer);
        }
        return count;
    });
    // Lowest address first, so that each one merges into the free block at the list's head.
    std::sort(live.begin(), live.end());
    for (void* pointer : live)
        allocator.free(pointer);
    return measurement;
}

std::string describe(const bench::Measurement& measurement)
{
    if (measurement.exhausted)
        return "arena full after " + std::to_string(measurement.operations) + " pairs";
    return "";
}

KEEL_BENCHMARK(heap, "small-object allocate+free pairs, Keel heaps vs glibc malloc")
{
    bench::Table table({ "allocator", "live objects", "ns/pair", "Mpairs/s", "x glibc", "note" });
    for (size_t live_count : LIVE_COUNTS) {
        GlibcAllocator glibc;
        bench::Measurement baseline = time_pairs(glibc, live_count);
        auto add_row = [&](const std::string& allocator, const bench::Measurement& measurement) {
            table.add_row({ allocator, std::to_string(live_count), bench::fixed(measurement.ns_per_operation, 1),
                            bench::fixed(1000.0 / measurement.ns_per_operation, 1),
                            bench::fixed(measurement.ns_per_operation / baseline.ns_per_operation, 2),
                            describe(measurement) });
        };
        add_row("glibc", baseline);
        for (kstd::StringView kind : mm::heap_kind_names()) {
            bench::BuddyPageSource pages(ARENA_BYTES);
            mm::HeapHolder holder;
            KeelAllocator keel { *holder.emplace(kind, pages, ARENA_BYTES).value() };
            add_row(std::string(kind.data(), kind.size()), time_pairs(keel, live_count));
        }
    }
    table.print();
}

} // namespace
