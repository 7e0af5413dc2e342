// ObjectCache: objects of odd sizes and alignments, slabs coming and going, statistics,
// and the registry the `mem` command lists.
#include "heap_test_support.hpp"

#include <mm/heap/object_cache.hpp>

#include <set>

namespace {

using heap_test::FakePageSource;

TEST(ObjectCache, HandsOutAlignedDistinctObjectsAndKeepsTheirContents)
{
    for (size_t object_size : { 1, 7, 24, 40, 100, 1000, 4000, 8192 }) {
        for (size_t alignment : { 1, 8, 64, 4096 }) {
            FakePageSource source;
            mm::ObjectCache cache("odd", object_size, alignment, source);
            heap_test::ReferenceModel model;
            std::vector<void*> objects;
            for (int count = 0; count < 64; ++count) {
                void* object = cache.allocate();
                ASSERT_NO_FATAL_FAILURE(model.allocated(object, object_size, alignment, uint8_t(count)));
                objects.push_back(object);
            }
            for (size_t index = 0; index < objects.size(); index += 2) {
                model.freeing(objects[index]);
                cache.free(objects[index]);
            }
            for (size_t index = 0; index < objects.size(); index += 2) {
                objects[index] = cache.allocate();
                model.allocated(objects[index], object_size, alignment, uint8_t(index + 1));
            }
            for (void* object : objects) {
                model.freeing(object);
                cache.free(object);
            }
            mm::ObjectCacheStatistics statistics = cache.statistics();
            EXPECT_EQ(statistics.objects_in_use, 0u);
            EXPECT_EQ(statistics.allocations, 96u);
            EXPECT_EQ(statistics.frees, 96u);
            EXPECT_EQ(statistics.peak_objects_in_use, 64u);
            EXPECT_LE(statistics.slabs, 1u) << "one empty slab is kept";
            EXPECT_EQ(statistics.pages, source.pages_held());
        }
    }
}

TEST(ObjectCache, GivesEverySlabBackWhenDestroyed)
{
    FakePageSource source;
    {
        mm::ObjectCache cache("doomed", 300, 16, source);
        for (int count = 0; count < 100; ++count)
            cache.allocate();
        EXPECT_GT(source.pages_held(), 4u);
    }
    EXPECT_EQ(source.pages_held(), 0u);
    EXPECT_EQ(source.tagged_pages(), 0u);
}

TEST(ObjectCache, EveryCacheIsInTheRegistryWhileItExists)
{
    FakePageSource source;
    auto names = [] {
        mm::ObjectCacheStatistics caches[64];
        size_t count = mm::ObjectCache::all_statistics(caches);
        std::multiset<std::string> found;
        for (size_t index = 0; index < std::min<size_t>(count, 64); ++index)
            found.emplace(caches[index].name.data(), caches[index].name.size());
        return found;
    };
    size_t before = names().count("registry-test");
    {
        mm::ObjectCache cache("registry-test", 32, 8, source);
        void* object = cache.allocate();
        EXPECT_EQ(names().count("registry-test"), before + 1);
        mm::ObjectCacheStatistics caches[64];
        size_t count = mm::ObjectCache::all_statistics(caches);
        ASSERT_LE(count, 64u);
        EXPECT_EQ(caches[count - 1].name, kstd::StringView("registry-test")) << "newest last";
        EXPECT_EQ(caches[count - 1].objects_in_use, 1u);
        cache.free(object);
    }
    EXPECT_EQ(names().count("registry-test"), before);
}

TEST(ObjectCache, StatisticsFitWhenTheBufferIsShort)
{
    FakePageSource source;
    mm::ObjectCache first("first", 32, 8, source);
    mm::ObjectCache second("second", 32, 8, source);
    mm::ObjectCacheStatistics one[1];
    EXPECT_GE(mm::ObjectCache::all_statistics(one), 2u);
}

} // namespace
