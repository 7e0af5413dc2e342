// Heap faults: a double free, or a free of a pointer that is not a live allocation, panics
// with a report naming the heap and the pointer, for every heap kind and for object caches.
#include "heap_test_support.hpp"

#include <mm/heap/object_cache.hpp>

namespace {

using heap_test::TestHeap;

constexpr const char* DOUBLE_FREE = ": double free of 0x[0-9a-f]+ \\([0-9]+-byte object\\)";
constexpr const char* FOREIGN = ": free of 0x[0-9a-f]+, which is not a live allocation of this heap";

std::string report(const std::string& heap, const char* what)
{
    return heap + what;
}

class HeapDeath : public ::testing::TestWithParam<std::string> { };

TEST_P(HeapDeath, DoubleFreePanics)
{
    TestHeap test(GetParam());
    void* pointer = test.heap->allocate(64);
    test.heap->allocate(64); // keeps the bump heap from rewinding
    test.heap->free(pointer);
    EXPECT_PANIC_MATCHING(test.heap->free(pointer), report(GetParam(), DOUBLE_FREE));
}

TEST_P(HeapDeath, FreeOfAPointerFromElsewherePanics)
{
    TestHeap test(GetParam());
    test.heap->allocate(64);
    alignas(16) static char not_from_a_heap[64];
    EXPECT_PANIC_MATCHING(test.heap->free(not_from_a_heap), report(GetParam(), FOREIGN));
}

TEST_P(HeapDeath, FreeOfAPointerInsideAnAllocationPanics)
{
    TestHeap test(GetParam());
    auto* pointer = static_cast<char*>(test.heap->allocate(256));
    std::memset(pointer, 0, 256);
    EXPECT_PANIC_MATCHING(test.heap->free(pointer + 16), report(GetParam(), FOREIGN));
    EXPECT_PANIC_MATCHING(test.heap->free(pointer + 3), report(GetParam(), FOREIGN));
}

// Caller data that imitates a live header (the list, block and bump heaps keep one in front
// of each allocation) must not pass for one: the block it claims lies outside the chunk.
TEST_P(HeapDeath, FreeOfAPointerBehindAForgedHeaderPanics)
{
    TestHeap test(GetParam());
    auto* pointer = static_cast<uint32_t*>(test.heap->allocate(256));
    std::memset(pointer, 0, 256);
    uint32_t forged[4] = { 0xa110c8ed, 16, 0x7fff'0000, 16 }; // LIVE, sizes far past the chunk
    std::memcpy(pointer + 4, forged, sizeof(forged));
    EXPECT_PANIC_MATCHING(test.heap->free(pointer + 8), report(GetParam(), FOREIGN));
}

TEST_P(HeapDeath, LargeBlockFreedTwicePanics)
{
    TestHeap test(GetParam());
    void* pointer = test.heap->allocate(3 * mm::PAGE_SIZE);
    test.heap->allocate(64); // keeps the bump heap from rewinding
    test.heap->free(pointer);
    // Heaps that give a large block's pages back can only say it is no live allocation.
    EXPECT_PANIC_MATCHING(test.heap->free(pointer), GetParam() + ": (double free of|free of 0x[0-9a-f]+, which is not a live)");
}

TEST_P(HeapDeath, FreeOfAnotherHeapsPointerPanics)
{
    TestHeap mine(GetParam());
    TestHeap other(GetParam());
    mine.heap->allocate(64);
    void* theirs = other.heap->allocate(64);
    EXPECT_PANIC_MATCHING(mine.heap->free(theirs), report(GetParam(), FOREIGN));
}

TEST_P(HeapDeath, FreeInsideALargeBlockPanics)
{
    TestHeap test(GetParam());
    auto* pointer = static_cast<char*>(test.heap->allocate(3 * mm::PAGE_SIZE));
    std::memset(pointer, 0, 3 * mm::PAGE_SIZE);
    EXPECT_PANIC_MATCHING(test.heap->free(pointer + mm::PAGE_SIZE), report(GetParam(), FOREIGN));
    EXPECT_PANIC_MATCHING(test.heap->free(pointer + 64), report(GetParam(), FOREIGN));
}

INSTANTIATE_TEST_SUITE_P(EveryHeap, HeapDeath, ::testing::ValuesIn(heap_test::all_heap_kinds()),
                         heap_test::heap_kind_test_name);

TEST(ObjectCacheDeath, DoubleFreeAndForeignPointersPanicNamingTheCache)
{
    heap_test::FakePageSource source;
    mm::ObjectCache cache("test-object", 40, 8, source);
    mm::ObjectCache other("other-object", 40, 8, source);
    void* object = cache.allocate();
    cache.free(object);
    EXPECT_PANIC_MATCHING(cache.free(object), "test-object: double free of 0x[0-9a-f]+ \\(40-byte object\\)");
    void* live = cache.allocate();
    EXPECT_PANIC_MATCHING(cache.free(static_cast<char*>(live) + 8), report("test-object", FOREIGN));
    EXPECT_PANIC_MATCHING(cache.free(other.allocate()), report("test-object", FOREIGN));
}

TEST(SlabHeapDeath, FreeOfANamedCacheObjectPanics)
{
    heap_test::FakePageSource source;
    mm::SlabHeap heap(source, heap_test::TEST_LIMIT_BYTES);
    mm::ObjectCache cache("named", 64, 64, source);
    EXPECT_PANIC_MATCHING(heap.free(cache.allocate()), report("slab", FOREIGN));
}

} // namespace
