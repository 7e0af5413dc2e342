// Every heap kind against a reference model: long random sequences of allocations and
// frees with varied sizes and alignments (fixed seeds, so a failure replays). After each
// step the heap's statistics must match the model; every allocation must be aligned, must
// not overlap a live one, and must hold what was written into it until it is freed. When
// everything is freed the counters are back to zero, and destroying the heap gives every
// page back to the source with its tag cleared.
#include "heap_test_support.hpp"

#include <random>

namespace {

using heap_test::ReferenceModel;
using heap_test::TestHeap;

constexpr size_t OPERATIONS = 6000;
constexpr size_t MAX_LIVE = 600;

struct Request {
    size_t bytes;
    size_t alignment;
};

// Mostly small objects, some medium, a few page-sized and large ones; mostly the default
// alignment, sometimes any power of two up to a page.
Request random_request(std::mt19937_64& random)
{
    size_t kind = random() % 100;
    size_t bytes = kind < 70 ? random() % 257
        : kind < 90          ? 257 + random() % 1792
        : kind < 98          ? 2049 + random() % 14336
                             : 16385 + random() % (256 * 1024);
    size_t alignment = random() % 4 == 0 ? size_t(1) << (random() % 13) : mm::DEFAULT_ALIGNMENT;
    return { bytes, alignment };
}

void expect_statistics_match(const mm::Heap& heap, const ReferenceModel& model, size_t allocations,
                             size_t frees)
{
    mm::HeapStatistics statistics = heap.statistics();
    ASSERT_EQ(statistics.bytes_in_use, model.bytes_in_use());
    ASSERT_EQ(statistics.peak_bytes_in_use, model.peak_bytes_in_use());
    ASSERT_EQ(statistics.allocations, allocations);
    ASSERT_EQ(statistics.frees, frees);
    ASSERT_EQ(statistics.failures, 0u);
    size_t objects_in_classes = 0;
    for (const mm::SizeClassStatistics& size_class : statistics.classes())
        objects_in_classes += size_class.objects_in_use;
    ASSERT_LE(objects_in_classes, model.live_count());
}

class HeapModel : public ::testing::TestWithParam<std::tuple<std::string, unsigned>> { };

TEST_P(HeapModel, RandomSequenceMatchesTheModel)
{
    auto [kind, seed] = GetParam();
    TestHeap test(kind);
    ASSERT_NE(test.heap, nullptr);
    mm::Heap& heap = *test.heap;
    ReferenceModel model;
    std::mt19937_64 random(seed);
    size_t allocations = 0;
    size_t frees = 0;

    for (size_t step = 0; step < OPERATIONS; ++step) {
        bool allocate = model.live_count() == 0 || (model.live_count() < MAX_LIVE && random() % 100 < 55);
        if (allocate) {
            Request request = random_request(random);
            void* pointer = heap.allocate(request.bytes, request.alignment);
            ASSERT_NO_FATAL_FAILURE(model.allocated(pointer, request.bytes, request.alignment,
                                                    static_cast<uint8_t>(step)));
            ++allocations;
        } else {
            void* pointer = model.live_pointer(random() % model.live_count());
            ASSERT_NO_FATAL_FAILURE(model.freeing(pointer));
            heap.free(pointer);
            ++frees;
        }
        ASSERT_NO_FATAL_FAILURE(expect_statistics_match(heap, model, allocations, frees)) << "step " << step;
        ASSERT_EQ(heap.statistics().pages_held, test.source.pages_held());
    }

    while (model.live_count() > 0) {
        void* pointer = model.live_pointer(random() % model.live_count());
        ASSERT_NO_FATAL_FAILURE(model.freeing(pointer));
        heap.free(pointer);
        ++frees;
    }
    ASSERT_NO_FATAL_FAILURE(expect_statistics_match(heap, model, allocations, frees));
    mm::HeapStatistics statistics = heap.statistics();
    EXPECT_EQ(statistics.bytes_in_use, 0u);
    EXPECT_EQ(statistics.allocations, statistics.frees);
    for (const mm::SizeClassStatistics& size_class : statistics.classes())
        EXPECT_EQ(size_class.objects_in_use, 0u);
    EXPECT_EQ(statistics.pages_held, test.source.pages_held());

    test.holder.reset();
    EXPECT_EQ(test.source.pages_held(), 0u);
    EXPECT_EQ(test.source.tagged_pages(), 0u);
}

std::string test_name(const ::testing::TestParamInfo<HeapModel::ParamType>& info)
{
    return std::get<0>(info.param) + "_seed" + std::to_string(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(EveryHeap, HeapModel,
                         ::testing::Combine(::testing::ValuesIn(heap_test::all_heap_kinds()),
                                            ::testing::Values(1u, 2u, 3u)),
                         test_name);

} // namespace
