// Page benchmark: allocate+free pairs on the kernel's buddy allocator, in CPU cycles
// (rdtsc), on an allocator with all memory free and on one fragmented so that every other
// frame is allocated (order-0 requests then find a free frame whose buddy is in use, and
// nothing merges). The buddy allocator never touches the frames, so a made-up physical
// range is enough; its per-frame records are real memory.
#include "benchmark.hpp"

#include <mm/buddy_allocator.hpp>

#include <string>
#include <vector>

namespace {

constexpr uint64_t FRAME_COUNT = 65536; // 256 MiB
constexpr mm::PhysicalAddress BASE = 1ull << 30;

struct FakeRam {
    FakeRam() : metadata(mm::BuddyAllocator::metadata_bytes(FRAME_COUNT) / sizeof(uint64_t) + 1)
    {
        buddy.init(BASE, FRAME_COUNT, metadata.data());
        buddy.add_free_range(BASE, FRAME_COUNT * mm::PAGE_SIZE);
    }

    // Allocates every frame singly, then frees every other one.
    void fragment()
    {
        std::vector<mm::PhysicalAddress> frames;
        while (true) {
            auto frame = buddy.allocate_frames(0);
            if (frame.is_error())
                break;
            frames.push_back(frame.value());
        }
        for (size_t index = 0; index < frames.size(); index += 2)
            buddy.free_frames(frames[index], 0);
    }

    std::vector<uint64_t> metadata;
    mm::BuddyAllocator buddy;
};

bench::Measurement time_pairs(mm::BuddyAllocator& buddy, unsigned order_mask)
{
    unsigned step = 0;
    return bench::measure([&](uint64_t count) -> uint64_t {
        for (uint64_t pair = 0; pair < count; ++pair) {
            unsigned order = step++ & order_mask;
            auto block = buddy.allocate_frames(order);
            if (block.is_error())
                return pair;
            buddy.free_frames(block.value(), order);
        }
        return count;
    });
}

KEEL_BENCHMARK(pages, "buddy allocator allocate+free pairs, in cycles")
{
    bench::Table table({ "requests", "free memory", "cycles/pair", "ns/pair" });
    struct Case {
        const char* requests;
        unsigned order_mask;
        bool fragmented;
    };
    const Case cases[] = {
        { "order 0", 0, false },
        { "orders 0-3 in turn", 3, false },
        { "order 0", 0, true },
    };
    for (const Case& each : cases) {
        FakeRam ram;
        if (each.fragmented)
            ram.fragment();
        bench::Measurement measurement = time_pairs(ram.buddy, each.order_mask);
        table.add_row({ each.requests, each.fragmented ? "every other frame" : "all, unfragmented",
                        bench::fixed(measurement.cycles_per_operation, 0),
                        bench::fixed(measurement.ns_per_operation, 1) });
    }
    table.print();
}

} // namespace
