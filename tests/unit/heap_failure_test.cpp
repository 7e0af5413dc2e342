// Failure injection: for every caller that takes pages, make the Nth page request fail,
// for N = 0, 1, 2, ... until the workload runs through without needing one. Each time the
// allocation that needed the page returns nullptr and counts a failure, the heap holds
// exactly the pages the source gave it (nothing leaks or half-builds), and once the source
// recovers the same heap serves the rest of the workload and gives everything back.
#include "heap_test_support.hpp"

#include <mm/heap/kmalloc.hpp>
#include <mm/heap/object_cache.hpp>

#include <functional>

namespace {

using heap_test::FakePageSource;

// A page-hungry mix: small objects of several classes, aligned ones, and large blocks.
struct Request {
    size_t bytes;
    size_t alignment;
};
std::vector<Request> workload()
{
    std::vector<Request> requests;
    for (size_t index = 0; index < 400; ++index) {
        size_t bytes = index % 50 == 49 ? 20000 + index * 100 : 16 + (index * 37) % 2100;
        requests.push_back({ bytes, index % 9 == 0 ? size_t(256) : mm::DEFAULT_ALIGNMENT });
    }
    return requests;
}

// Runs the workload with the source refusing after `successes` page requests. Returns
// whether a refusal happened (so a larger N is worth trying).
bool run_with_failure_after(const std::string& kind, size_t successes)
{
    heap_test::TestHeap test(kind);
    mm::Heap& heap = *test.heap;
    test.source.fail_after(successes);
    std::vector<void*> pointers;
    bool failed = false;
    for (const Request& request : workload()) {
        void* pointer = heap.allocate(request.bytes, request.alignment);
        if (!pointer) {
            EXPECT_FALSE(failed) << "one refusal, one failure";
            failed = true;
            mm::HeapStatistics statistics = heap.statistics();
            EXPECT_EQ(statistics.failures, 1u);
            EXPECT_EQ(statistics.allocations, pointers.size());
            EXPECT_EQ(statistics.pages_held, test.source.pages_held());
            EXPECT_EQ(test.source.refusals(), 1u);
            test.source.fail_never();
            pointer = heap.allocate(request.bytes, request.alignment);
            EXPECT_NE(pointer, nullptr) << "works again once the source recovers";
        }
        pointers.push_back(pointer);
    }
    for (void* pointer : pointers)
        heap.free(pointer);
    EXPECT_EQ(heap.statistics().bytes_in_use, 0u);
    test.holder.reset();
    EXPECT_EQ(test.source.pages_held(), 0u) << "N = " << successes;
    return failed;
}

class HeapFailure : public ::testing::TestWithParam<std::string> { };

TEST_P(HeapFailure, EveryPageRequestCanFail)
{
    size_t successes = 0;
    while (run_with_failure_after(GetParam(), successes) && !HasFailure())
        ++successes;
    EXPECT_GT(successes, 2u) << "the workload needs several page requests";
}

INSTANTIATE_TEST_SUITE_P(EveryHeap, HeapFailure, ::testing::ValuesIn(heap_test::all_heap_kinds()),
                         heap_test::heap_kind_test_name);

TEST(ObjectCacheFailure, EverySlabRequestCanFail)
{
    for (size_t successes = 0;; ++successes) {
        FakePageSource source;
        bool failed = false;
        {
            mm::ObjectCache cache("injected", 200, 8, source);
            source.fail_after(successes);
            std::vector<void*> objects;
            for (int count = 0; count < 300; ++count) {
                void* object = cache.allocate();
                if (!object) {
                    failed = true;
                    EXPECT_EQ(cache.statistics().failures, 1u);
                    EXPECT_EQ(cache.statistics().pages, source.pages_held());
                    source.fail_never();
                    object = cache.allocate();
                    ASSERT_NE(object, nullptr);
                }
                objects.push_back(object);
            }
            for (void* object : objects)
                cache.free(object);
            EXPECT_EQ(cache.statistics().objects_in_use, 0u);
        }
        EXPECT_EQ(source.pages_held(), 0u);
        if (!failed)
            break;
    }
}

struct Constructed {
    static inline int count = 0;
    explicit Constructed(int initial) : value(initial) { ++count; }
    ~Constructed() { --count; }
    int value;
};

TEST(KernelHeapFailure, KmallocAndMakeReturnNullWithoutConstructing)
{
    static FakePageSource& pages = *new FakePageSource; // outlives the kernel heap
    ASSERT_FALSE(mm::set_kernel_heap("slab", pages, heap_test::TEST_LIMIT_BYTES).is_error());
    pages.fail_after(0);
    EXPECT_EQ(mm::kmalloc(100), nullptr);
    EXPECT_EQ(mm::make<Constructed>(7), nullptr);
    EXPECT_EQ(Constructed::count, 0);
    EXPECT_EQ(mm::kernel_heap().statistics().failures, 2u);
    pages.fail_never();
    Constructed* object = mm::make<Constructed>(7);
    ASSERT_NE(object, nullptr);
    EXPECT_EQ(object->value, 7);
    mm::destroy(object);
    EXPECT_EQ(Constructed::count, 0);
}

} // namespace
