// The kernel heap: choosing the kind by name, refusing to swap a heap that is in use,
// kmalloc/kfree on every kind, and make<T>/destroy<T>.
#include "heap_test_support.hpp"

#include <mm/heap/kmalloc.hpp>

namespace {

// The kernel heap is process-wide, so its pages must outlive every test.
heap_test::FakePageSource& kernel_pages()
{
    static heap_test::FakePageSource& pages = *new heap_test::FakePageSource;
    return pages;
}

TEST(KernelHeap, KindsAreNamedAndUnknownNamesRefused)
{
    std::vector<std::string> kinds = heap_test::all_heap_kinds();
    EXPECT_EQ(kinds, (std::vector<std::string> { "slab", "list", "block", "bump" }));
    auto result = mm::set_kernel_heap("buddy", kernel_pages(), heap_test::TEST_LIMIT_BYTES);
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error().code(), kstd::Errno::InvalidArgument);
}

TEST(KernelHeap, KmallocWorksOnEveryKind)
{
    for (const std::string& kind : heap_test::all_heap_kinds()) {
        auto set = mm::set_kernel_heap(kstd::StringView(kind.data(), kind.size()), kernel_pages(),
                                       heap_test::TEST_LIMIT_BYTES);
        ASSERT_FALSE(set.is_error()) << kind;
        EXPECT_EQ(mm::kernel_heap().name(), kstd::StringView(kind.data(), kind.size()));
        void* small = mm::kmalloc(24);
        void* aligned = mm::kmalloc_aligned(100, 512);
        ASSERT_NE(small, nullptr);
        ASSERT_NE(aligned, nullptr);
        EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % 512, 0u);
        EXPECT_EQ(mm::kernel_heap().statistics().bytes_in_use, 124u);

        auto busy = mm::set_kernel_heap("slab", kernel_pages(), heap_test::TEST_LIMIT_BYTES);
        ASSERT_TRUE(busy.is_error()) << "a heap with live allocations stays";
        EXPECT_EQ(busy.error().code(), kstd::Errno::Busy);

        mm::kfree(small);
        mm::kfree(aligned);
        mm::kfree(nullptr);
        EXPECT_EQ(mm::kernel_heap().statistics().bytes_in_use, 0u);
    }
}

struct Pair {
    Pair(int a, long b) : first(a), second(b) {}
    int first;
    long second;
};

TEST(KernelHeap, MakeConstructsAndDestroyFrees)
{
    ASSERT_FALSE(mm::set_kernel_heap("slab", kernel_pages(), heap_test::TEST_LIMIT_BYTES).is_error());
    Pair* pair = mm::make<Pair>(3, 4L);
    ASSERT_NE(pair, nullptr);
    EXPECT_EQ(pair->first, 3);
    EXPECT_EQ(pair->second, 4);
    EXPECT_EQ(mm::kernel_heap().statistics().bytes_in_use, sizeof(Pair));
    mm::destroy(pair);
    mm::destroy<Pair>(nullptr);
    EXPECT_EQ(mm::kernel_heap().statistics().bytes_in_use, 0u);
}

} // namespace
