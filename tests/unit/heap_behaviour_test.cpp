// What each heap kind promises beyond the reference model: request checks, alignment,
// zero-byte allocations, per-size-class statistics, what a heap keeps after everything is
// freed, and the bump allocator's weakness with a long-lived allocation (and its warning
// when the arena is nearly full).
#include "heap_test_support.hpp"

#include <log/log.hpp>

#include <mm/heap/block_heap.hpp>
#include <mm/heap/bump_heap.hpp>
#include <mm/heap/list_heap.hpp>
#include <mm/heap/slab_heap.hpp>

#include <set>

namespace {

using heap_test::TestHeap;

class HeapBehaviour : public ::testing::TestWithParam<std::string> { };

TEST_P(HeapBehaviour, RefusesBadRequestsAndCountsThem)
{
    TestHeap test(GetParam());
    mm::Heap& heap = *test.heap;
    EXPECT_EQ(heap.allocate(16, 0), nullptr);
    EXPECT_EQ(heap.allocate(16, 24), nullptr);
    EXPECT_EQ(heap.allocate(16, 2 * mm::PAGE_SIZE), nullptr);
    EXPECT_EQ(heap.allocate(mm::MAX_ALLOCATION_BYTES + 1), nullptr);
    mm::HeapStatistics statistics = heap.statistics();
    EXPECT_EQ(statistics.failures, 4u);
    EXPECT_EQ(statistics.allocations, 0u);
    EXPECT_EQ(test.source.pages_held(), 0u);
    heap.free(nullptr);
    EXPECT_EQ(heap.statistics().frees, 0u);
}

TEST_P(HeapBehaviour, HonoursEveryAlignmentUpToAPage)
{
    TestHeap test(GetParam());
    std::vector<void*> pointers;
    for (size_t alignment = 1; alignment <= mm::PAGE_SIZE; alignment *= 2) {
        for (size_t bytes : { 0, 1, 15, 16, 17, 100, 2048, 3000, 4096, 5000 }) {
            void* pointer = test.heap->allocate(bytes, alignment);
            ASSERT_NE(pointer, nullptr);
            EXPECT_EQ(reinterpret_cast<uintptr_t>(pointer) % alignment, 0u) << bytes << " aligned to " << alignment;
            pointers.push_back(pointer);
        }
    }
    for (void* pointer : pointers)
        test.heap->free(pointer);
    EXPECT_EQ(test.heap->statistics().bytes_in_use, 0u);
}

TEST_P(HeapBehaviour, ZeroBytesGiveUniquePointers)
{
    TestHeap test(GetParam());
    std::set<void*> pointers;
    for (int count = 0; count < 100; ++count)
        pointers.insert(test.heap->allocate(0));
    EXPECT_EQ(pointers.size(), 100u);
    EXPECT_EQ(pointers.count(nullptr), 0u);
    for (void* pointer : pointers)
        test.heap->free(pointer);
    EXPECT_EQ(test.heap->statistics().frees, 100u);
}

TEST_P(HeapBehaviour, StaysWithinItsLimit)
{
    constexpr size_t LIMIT = 256 * 1024;
    TestHeap test(GetParam(), LIMIT);
    std::vector<void*> pointers;
    while (void* pointer = test.heap->allocate(1000))
        pointers.push_back(pointer);
    EXPECT_LE(test.source.pages_held() * mm::PAGE_SIZE, LIMIT);
    EXPECT_GT(pointers.size(), 100u);
    EXPECT_EQ(test.heap->statistics().failures, 1u);
    for (void* pointer : pointers)
        test.heap->free(pointer);
    EXPECT_NE(test.heap->allocate(1000), nullptr) << "works again once memory is freed";
}

// The example: one allocation that lives on while others come and go. The bump
// allocator can only reclaim when nothing is live, so it runs into its limit; the others
// recycle the freed memory.
TEST_P(HeapBehaviour, OnlyTheBumpAllocatorRunsOutWithALongLivedAllocation)
{
    TestHeap test(GetParam(), 1024 * 1024);
    void* long_lived = test.heap->allocate(64);
    ASSERT_NE(long_lived, nullptr);
    bool ran_out = false;
    for (int round = 0; round < 20000 && !ran_out; ++round) {
        void* temporary = test.heap->allocate(200);
        ran_out = temporary == nullptr;
        test.heap->free(temporary);
    }
    EXPECT_EQ(ran_out, GetParam() == "bump");
    test.heap->free(long_lived);
    EXPECT_NE(test.heap->allocate(200), nullptr) << "the bump arena rewinds once nothing is live";
}

INSTANTIATE_TEST_SUITE_P(EveryHeap, HeapBehaviour, ::testing::ValuesIn(heap_test::all_heap_kinds()),
                         heap_test::heap_kind_test_name);

TEST(SlabHeap, CountsObjectsPerSizeClassAndLargeBlocksAsPages)
{
    heap_test::FakePageSource source;
    mm::SlabHeap heap(source, heap_test::TEST_LIMIT_BYTES);
    void* small[3] = { heap.allocate(20), heap.allocate(32), heap.allocate(17) };
    void* aligned = heap.allocate(8, 128); // the alignment picks the class
    void* large = heap.allocate(3000 * 4);
    mm::HeapStatistics statistics = heap.statistics();
    ASSERT_EQ(statistics.size_class_count, mm::SlabHeap::CLASS_COUNT);
    EXPECT_EQ(statistics.size_classes[0].object_size, 16u);
    EXPECT_EQ(statistics.size_classes[7].object_size, 2048u);
    EXPECT_EQ(statistics.size_classes[1].objects_in_use, 3u);
    EXPECT_EQ(statistics.size_classes[1].slabs, 1u);
    EXPECT_EQ(statistics.size_classes[3].objects_in_use, 1u);
    EXPECT_EQ(statistics.bytes_in_use, 20u + 32 + 17 + 8 + 12000);
    size_t class_pages = 0;
    for (const mm::SizeClassStatistics& size_class : statistics.classes())
        class_pages += size_class.pages;
    EXPECT_EQ(statistics.pages_held, class_pages + 4) << "12000 bytes take an order-2 block";
    for (void* pointer : small)
        heap.free(pointer);
    heap.free(aligned);
    heap.free(large);
    EXPECT_EQ(heap.statistics().bytes_in_use, 0u);
}

TEST(SlabHeap, KeepsOneEmptySlabPerClass)
{
    heap_test::FakePageSource source;
    mm::SlabHeap heap(source, heap_test::TEST_LIMIT_BYTES);
    std::vector<void*> pointers;
    for (int count = 0; count < 1000; ++count)
        pointers.push_back(heap.allocate(64));
    EXPECT_GT(heap.statistics().size_classes[2].slabs, 10u);
    for (void* pointer : pointers)
        heap.free(pointer);
    mm::HeapStatistics statistics = heap.statistics();
    EXPECT_EQ(statistics.size_classes[2].slabs, 1u);
    EXPECT_EQ(statistics.pages_held, statistics.size_classes[2].pages);
    EXPECT_EQ(source.pages_held(), statistics.pages_held);
}

TEST(SlabHeap, ListsItsClassesAsObjectCaches)
{
    heap_test::FakePageSource source;
    mm::SlabHeap heap(source, heap_test::TEST_LIMIT_BYTES);
    mm::ObjectCacheStatistics caches[64];
    size_t count = mm::ObjectCache::all_statistics(caches);
    ASSERT_GE(count, mm::SlabHeap::CLASS_COUNT);
    ASSERT_LE(count, 64u);
    std::set<std::string> names;
    for (size_t index = 0; index < count; ++index)
        names.emplace(caches[index].name.data(), caches[index].name.size());
    EXPECT_TRUE(names.count("size-16"));
    EXPECT_TRUE(names.count("size-2048"));
}

TEST(BlockHeap, CountsBlocksPerSizeAndKeepsItsChunks)
{
    heap_test::FakePageSource source;
    mm::BlockHeap heap(source, heap_test::TEST_LIMIT_BYTES);
    std::vector<void*> pointers;
    for (int count = 0; count < 1000; ++count)
        pointers.push_back(heap.allocate(40)); // 16-byte header + 40 bytes: 64-byte blocks
    mm::HeapStatistics statistics = heap.statistics();
    ASSERT_EQ(statistics.size_class_count, mm::BlockHeap::CLASS_COUNT);
    EXPECT_EQ(statistics.size_classes[1].object_size, 64u);
    EXPECT_EQ(statistics.size_classes[1].objects_in_use, 1000u);
    size_t chunks = statistics.size_classes[1].slabs;
    EXPECT_GE(chunks, 4u);
    for (void* pointer : pointers)
        heap.free(pointer);
    statistics = heap.statistics();
    EXPECT_EQ(statistics.size_classes[1].objects_in_use, 0u);
    EXPECT_EQ(statistics.size_classes[1].slabs, chunks) << "the tutorial design never gives chunks back";
    EXPECT_EQ(statistics.pages_held, chunks << mm::BlockHeap::CHUNK_ORDER);
}

TEST(ListHeap, MergesFreedNeighboursBackIntoOneChunk)
{
    heap_test::FakePageSource source;
    mm::ListHeap heap(source, heap_test::TEST_LIMIT_BYTES);
    std::vector<void*> pointers;
    for (int count = 0; count < 300; ++count)
        pointers.push_back(heap.allocate(100 + count % 7 * 30));
    for (size_t index = 0; index < pointers.size(); index += 2)
        heap.free(pointers[index]);
    for (size_t index = 1; index < pointers.size(); index += 2)
        heap.free(pointers[index]);
    size_t chunk_pages = size_t(1) << mm::ListHeap::CHUNK_ORDER;
    EXPECT_EQ(source.pages_held(), chunk_pages) << "the last chunk is kept";
    // Only one free block spanning the whole chunk can hold this.
    void* whole = heap.allocate(chunk_pages * mm::PAGE_SIZE - 128);
    EXPECT_NE(whole, nullptr);
    EXPECT_EQ(source.pages_held(), chunk_pages);
    heap.free(whole);
}

TEST(BumpHeap, RewindsToItsFirstChunkWhenNothingIsLive)
{
    heap_test::FakePageSource source;
    mm::BumpHeap heap(source, heap_test::TEST_LIMIT_BYTES);
    void* first = heap.allocate(100);
    std::vector<void*> pointers;
    for (int count = 0; count < 2000; ++count)
        pointers.push_back(heap.allocate(100));
    EXPECT_GT(source.pages_held(), size_t(1) << mm::BumpHeap::CHUNK_ORDER);
    for (void* pointer : pointers)
        heap.free(pointer);
    EXPECT_GT(source.pages_held(), size_t(1) << mm::BumpHeap::CHUNK_ORDER) << "one allocation is still live";
    heap.free(first);
    EXPECT_EQ(source.pages_held(), size_t(1) << mm::BumpHeap::CHUNK_ORDER);
    EXPECT_EQ(heap.allocate(100), first) << "the pointer starts over";
}

// How many kept log records contain `text`.
size_t log_records_with(const std::string& text)
{
    struct Search {
        const std::string& text;
        size_t found = 0;
    } search { text };
    klog::for_each_record(
        [](const klog::Record& record, void* context) {
            auto& state = *static_cast<Search*>(context);
            std::string line(record.text.view().data(), record.text.view().size());
            if (record.level == klog::Level::Warning && line.find(state.text) != std::string::npos)
                ++state.found;
        },
        &search);
    return search.found;
}

// A bump arena of 20 chunks (320 pages): the 18th chunk takes it to exactly 90 %, the 19th
// past it, and only then is there one warning; more chunks, running out, and a rewind
// and refill warn no more.
TEST(BumpHeap, WarnsOnceWhenTheArenaPassesNinetyPercent)
{
    constexpr size_t CHUNK_PAGES = size_t(1) << mm::BumpHeap::CHUNK_ORDER;
    constexpr size_t CHUNK_BYTES = CHUNK_PAGES * mm::PAGE_SIZE;
    heap_test::FakePageSource source;
    mm::BumpHeap heap(source, 20 * CHUNK_BYTES);
    const std::string warning = "heap=bump: the arena is over 90% full (1216 of 1280 KiB)";
    size_t before = log_records_with(warning);
    std::vector<void*> pointers;
    auto fill_chunks = [&](size_t chunks) {
        // Each allocation takes most of a chunk, so the next one starts a new chunk.
        while (source.pages_held() < chunks * CHUNK_PAGES) {
            void* pointer = heap.allocate(CHUNK_BYTES / 2 + 1);
            ASSERT_NE(pointer, nullptr);
            pointers.push_back(pointer);
        }
    };
    fill_chunks(18);
    EXPECT_EQ(source.pages_held(), 18 * CHUNK_PAGES);
    EXPECT_EQ(log_records_with(warning), before) << "warned at 90 %, not past it";
    fill_chunks(19);
    EXPECT_EQ(log_records_with(warning), before + 1);
    fill_chunks(20);
    EXPECT_EQ(heap.allocate(CHUNK_BYTES / 2 + 1), nullptr) << "the arena is full";
    for (void* pointer : pointers)
        heap.free(pointer);
    pointers.clear();
    EXPECT_EQ(source.pages_held(), CHUNK_PAGES) << "rewound";
    fill_chunks(20);
    EXPECT_EQ(log_records_with(warning), before + 1) << "warned more than once";
    for (void* pointer : pointers)
        heap.free(pointer);
}

} // namespace
