// BuddyAllocator: splitting and merging, aligned blocks, ranges with holes, exhaustion,
// failure injection and tags, a randomized run against a reference model, and the frees
// that must panic. The "physical memory" here is made up: the allocator never touches it.
#include "kstd_verify_death.hpp"
#include "mm_test_frames.hpp"

#include <map>
#include <random>

namespace {

using mm::BuddyAllocator;
using mm::PAGE_SIZE;
using mm::PhysicalAddress;
using mm_test::error_of;
using mm_test::TestBuddy;

constexpr unsigned MAX_ORDER = BuddyAllocator::MAX_ORDER;
constexpr PhysicalAddress BASE = 0x1'0000'0000; // 4 GiB: aligned to every order
constexpr uint64_t MAX_BLOCK_BYTES = mm::order_bytes(MAX_ORDER);

std::vector<uint64_t> block_counts(const BuddyAllocator& buddy)
{
    std::vector<uint64_t> counts;
    for (unsigned order = 0; order <= MAX_ORDER; ++order)
        counts.push_back(buddy.free_block_count(order));
    return counts;
}

PhysicalAddress allocate(BuddyAllocator& buddy, unsigned order)
{
    auto block = buddy.allocate_frames(order);
    EXPECT_FALSE(block.is_error()) << "order " << order;
    return block.is_error() ? 0 : block.value();
}

// One free block of the largest order, at BASE.
struct BuddyAllocatorWithOneBlock : ::testing::Test {
    BuddyAllocatorWithOneBlock() { buddy->add_free_range(BASE, MAX_BLOCK_BYTES); }
    TestBuddy buddy { BASE, MAX_BLOCK_BYTES / PAGE_SIZE };
};

} // namespace

TEST(BuddyAllocator, StartsWithEveryFrameReserved)
{
    TestBuddy buddy(BASE, 1024);
    EXPECT_EQ(BuddyAllocator::metadata_bytes(1024), 1024 * BuddyAllocator::metadata_bytes(1));
    EXPECT_EQ(buddy->managed_frame_count(), 0u);
    EXPECT_EQ(error_of(buddy->allocate_frames(0)), kstd::Errno::OutOfMemory);
    EXPECT_TRUE(buddy->contains(BASE));
    EXPECT_TRUE(buddy->contains(BASE + 1024 * PAGE_SIZE - 1));
    EXPECT_FALSE(buddy->contains(BASE + 1024 * PAGE_SIZE));
    EXPECT_FALSE(buddy->contains(BASE - 1));
}

TEST_F(BuddyAllocatorWithOneBlock, SplitsDownToOrderZeroOneHalfAtATime)
{
    std::vector<uint64_t> expected(MAX_ORDER + 1, 0);
    expected[MAX_ORDER] = 1;
    EXPECT_EQ(block_counts(*buddy), expected);

    EXPECT_EQ(allocate(*buddy, 0), BASE);
    expected.assign(MAX_ORDER + 1, 1); // one upper half left over at every order below
    expected[MAX_ORDER] = 0;
    EXPECT_EQ(block_counts(*buddy), expected);

    EXPECT_EQ(allocate(*buddy, 0), BASE + PAGE_SIZE); // the order-0 buddy
    expected[0] = 0;
    EXPECT_EQ(block_counts(*buddy), expected);

    EXPECT_EQ(allocate(*buddy, 0), BASE + 2 * PAGE_SIZE); // splits the order-1 block
    expected[0] = 1;
    expected[1] = 0;
    EXPECT_EQ(block_counts(*buddy), expected);
    EXPECT_EQ(buddy->allocated_frame_count(), 3u);
    EXPECT_EQ(buddy->free_frame_count(), 1024u - 3);
}

TEST_F(BuddyAllocatorWithOneBlock, FreeingBuddiesMergesBackIntoOneBlock)
{
    std::vector<uint64_t> whole = block_counts(*buddy);
    PhysicalAddress frames[4];
    for (PhysicalAddress& frame : frames)
        frame = allocate(*buddy, 0);
    PhysicalAddress big = allocate(*buddy, 5);
    for (PhysicalAddress frame : frames)
        buddy->free_frames(frame, 0);
    buddy->free_frames(big, 5);
    EXPECT_EQ(block_counts(*buddy), whole);
    EXPECT_EQ(buddy->free_frame_count(), 1024u);
    EXPECT_EQ(buddy->allocated_frame_count(), 0u);
}

TEST_F(BuddyAllocatorWithOneBlock, NeighboursThatAreNotBuddiesStayApart)
{
    PhysicalAddress frames[4];
    for (PhysicalAddress& frame : frames)
        frame = allocate(*buddy, 0);
    // Frames 1 and 2 are adjacent, but each one's buddy (0 and 3) is still allocated.
    buddy->free_frames(frames[1], 0);
    buddy->free_frames(frames[2], 0);
    EXPECT_EQ(buddy->free_block_count(0), 2u);
    EXPECT_EQ(buddy->free_block_count(1), 0u);
    buddy->free_frames(frames[0], 0);
    EXPECT_EQ(buddy->free_block_count(0), 1u);
    EXPECT_EQ(buddy->free_block_count(1), 1u);
}

TEST(BuddyAllocator, BlocksAreAlignedToTheirSize)
{
    // A span and a range that start at odd frames, so that alignment is not free.
    PhysicalAddress base = BASE + 3 * PAGE_SIZE;
    TestBuddy buddy(base, 3000);
    buddy->add_free_range(base + 5 * PAGE_SIZE, 2990 * PAGE_SIZE);
    for (unsigned order = 0; order <= 9; ++order) {
        PhysicalAddress block = allocate(*buddy, order);
        EXPECT_TRUE(mm::is_aligned(block, mm::order_bytes(order))) << std::hex << block;
        EXPECT_GE(block, base + 5 * PAGE_SIZE);
        EXPECT_LE(block + mm::order_bytes(order), base + 2995 * PAGE_SIZE);
    }
}

TEST(BuddyAllocator, RangeWithAnOddStartBecomesTheLargestAlignedBlocks)
{
    TestBuddy buddy(BASE, 2048);
    buddy->add_free_range(BASE + 3 * PAGE_SIZE, 1024 * PAGE_SIZE); // frames 3 .. 1026
    // 3 | 4-7 | 8-15 | ... | 512-1023 | 1024-1025 | 1026
    std::vector<uint64_t> expected = { 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 };
    EXPECT_EQ(block_counts(*buddy), expected);
    EXPECT_EQ(buddy->managed_frame_count(), 1024u);
}

TEST(BuddyAllocator, AdjacentRangesMergeAndHolesAreNeverHandedOut)
{
    TestBuddy buddy(BASE, 3 * 1024);
    buddy->add_free_range(BASE, 512 * PAGE_SIZE);
    buddy->add_free_range(BASE + 512 * PAGE_SIZE, 512 * PAGE_SIZE);
    EXPECT_EQ(buddy->free_block_count(MAX_ORDER), 1u); // the halves merged
    buddy->add_free_range(BASE + 2048 * PAGE_SIZE, 100 * PAGE_SIZE); // frames 1024..2047: a hole
    EXPECT_EQ(buddy->managed_frame_count(), 1124u);

    std::vector<PhysicalAddress> frames;
    for (int i = 0; i < 1124; ++i)
        frames.push_back(allocate(*buddy, 0));
    EXPECT_EQ(error_of(buddy->allocate_frames(0)), kstd::Errno::OutOfMemory);
    for (PhysicalAddress frame : frames) {
        bool in_hole = frame >= BASE + 1024 * PAGE_SIZE && frame < BASE + 2048 * PAGE_SIZE;
        EXPECT_FALSE(in_hole) << std::hex << frame;
    }
}

TEST_F(BuddyAllocatorWithOneBlock, ExhaustionIsOutOfMemoryAndRecovers)
{
    std::vector<PhysicalAddress> frames;
    for (int i = 0; i < 1024; ++i)
        frames.push_back(allocate(*buddy, 0));
    EXPECT_EQ(error_of(buddy->allocate_frames(0)), kstd::Errno::OutOfMemory);
    EXPECT_EQ(error_of(buddy->allocate_frames(MAX_ORDER)), kstd::Errno::OutOfMemory);
    EXPECT_EQ(buddy->free_frame_count(), 0u);
    for (PhysicalAddress frame : frames)
        buddy->free_frames(frame, 0);
    EXPECT_EQ(allocate(*buddy, MAX_ORDER), BASE);
}

TEST_F(BuddyAllocatorWithOneBlock, OrderAboveTheMaximumIsInvalid)
{
    EXPECT_EQ(error_of(buddy->allocate_frames(MAX_ORDER + 1)), kstd::Errno::InvalidArgument);
    EXPECT_EQ(buddy->free_frame_count(), 1024u);
}

TEST_F(BuddyAllocatorWithOneBlock, FailAfterFailsTheNextAllocationOnce)
{
    buddy->fail_after(2);
    PhysicalAddress first = allocate(*buddy, 0);
    PhysicalAddress second = allocate(*buddy, 3);
    EXPECT_EQ(error_of(buddy->allocate_frames(0)), kstd::Errno::OutOfMemory);
    PhysicalAddress third = allocate(*buddy, 0);
    EXPECT_EQ(buddy->allocated_frame_count(), 10u);

    buddy->fail_after(0);
    EXPECT_EQ(error_of(buddy->allocate_frames(1)), kstd::Errno::OutOfMemory);
    buddy->fail_after(0);
    buddy->stop_failing();
    buddy->free_frames(allocate(*buddy, 1), 1);
    for (PhysicalAddress frame : { first, third })
        buddy->free_frames(frame, 0);
    buddy->free_frames(second, 3);
    EXPECT_EQ(buddy->free_block_count(MAX_ORDER), 1u);
}

TEST_F(BuddyAllocatorWithOneBlock, TagsLiveOnAllocatedFramesUntilTheyAreFreed)
{
    PhysicalAddress block = allocate(*buddy, 2);
    EXPECT_EQ(buddy->tag(block), 0u);
    buddy->set_tag(block, 0xabc);
    buddy->set_tag(block + 3 * PAGE_SIZE, 0xdef); // a tail frame of the block
    EXPECT_EQ(buddy->tag(block), 0xabcu);
    EXPECT_EQ(buddy->tag(block + 3 * PAGE_SIZE + 100), 0xdefu); // any address in the frame
    EXPECT_EQ(buddy->tag(block + PAGE_SIZE), 0u);
    EXPECT_EQ(buddy->tag(block + 4 * PAGE_SIZE), 0u); // free
    EXPECT_EQ(buddy->tag(BASE + MAX_BLOCK_BYTES), 0u); // outside the span
    buddy->free_frames(block, 2);
    EXPECT_EQ(buddy->tag(block), 0u);
    EXPECT_EQ(buddy->tag(block + 3 * PAGE_SIZE), 0u);
    PhysicalAddress again = allocate(*buddy, 2);
    ASSERT_EQ(again, block);
    EXPECT_EQ(buddy->tag(again + 3 * PAGE_SIZE), 0u);
}

// Random allocations and frees over a span with a hole, checked against a map of the
// blocks handed out: aligned, inside the usable ranges, never overlapping, counts agreeing.
TEST(BuddyAllocator, RandomRunAgreesWithAReferenceModel)
{
    constexpr uint64_t SPAN_FRAMES = 4096;
    auto usable = [](PhysicalAddress start, PhysicalAddress end) {
        return (start >= BASE + 7 * PAGE_SIZE && end <= BASE + 1500 * PAGE_SIZE)
            || (start >= BASE + 2000 * PAGE_SIZE && end <= BASE + SPAN_FRAMES * PAGE_SIZE);
    };
    for (unsigned seed = 1; seed <= 4; ++seed) {
        TestBuddy buddy(BASE, SPAN_FRAMES);
        buddy->add_free_range(BASE + 7 * PAGE_SIZE, 1493 * PAGE_SIZE);
        buddy->add_free_range(BASE + 2000 * PAGE_SIZE, (SPAN_FRAMES - 2000) * PAGE_SIZE);
        const std::vector<uint64_t> baseline = block_counts(*buddy);
        const uint64_t managed = buddy->managed_frame_count();

        std::mt19937 random(seed);
        std::map<PhysicalAddress, unsigned> allocated; // block -> order
        uint64_t allocated_frames = 0;
        for (int step = 0; step < 20000; ++step) {
            bool allocate_now = allocated.empty() || random() % 100 < 55;
            if (allocate_now) {
                unsigned order = random() % 100 < 70 ? random() % 3 : random() % (MAX_ORDER + 1);
                auto block = buddy->allocate_frames(order);
                if (block.is_error()) {
                    EXPECT_EQ(block.error().code(), kstd::Errno::OutOfMemory);
                    continue;
                }
                PhysicalAddress start = block.value();
                PhysicalAddress end = start + mm::order_bytes(order);
                ASSERT_TRUE(mm::is_aligned(start, mm::order_bytes(order)));
                ASSERT_TRUE(usable(start, end)) << std::hex << start;
                auto after = allocated.lower_bound(start);
                ASSERT_TRUE(after == allocated.end() || after->first >= end);
                if (after != allocated.begin()) {
                    auto before = std::prev(after);
                    ASSERT_LE(before->first + mm::order_bytes(before->second), start);
                }
                allocated[start] = order;
                allocated_frames += uint64_t { 1 } << order;
            } else {
                auto victim = std::next(allocated.begin(), random() % allocated.size());
                buddy->free_frames(victim->first, victim->second);
                allocated_frames -= uint64_t { 1 } << victim->second;
                allocated.erase(victim);
            }
            ASSERT_EQ(buddy->allocated_frame_count(), allocated_frames);
            ASSERT_EQ(buddy->free_frame_count(), managed - allocated_frames);
        }
        for (auto [block, order] : allocated)
            buddy->free_frames(block, order);
        EXPECT_EQ(block_counts(*buddy), baseline) << "seed " << seed;
    }
}

TEST(BuddyAllocatorDeathTest, BadFreesPanic)
{
    TestBuddy buddy(BASE, 1024);
    buddy->add_free_range(BASE, 1024 * PAGE_SIZE);
    PhysicalAddress block = allocate(*buddy, 2);
    PhysicalAddress freed = allocate(*buddy, 0);
    buddy->free_frames(freed, 0);
    EXPECT_PANIC_MATCHING(buddy->free_frames(freed, 0), "order 0\\): not allocated \\(double free\\?\\)");
    EXPECT_PANIC_MATCHING(buddy->free_frames(block, 1), "order 1\\): allocated with order 2");
    EXPECT_PANIC_MATCHING(buddy->free_frames(block + PAGE_SIZE, 0), "order 0\\): inside the block at 0x");
    EXPECT_PANIC_MATCHING(buddy->free_frames(block + 1, 2), "not a block address and order");
    EXPECT_PANIC_MATCHING(buddy->free_frames(BASE + 1024 * PAGE_SIZE, 0), "not memory this allocator manages");
    EXPECT_PANIC_MATCHING(buddy->free_frames(0x1000, 0), "free_frames\\(0x1000, order 0\\): not memory");
    EXPECT_PANIC_MATCHING(buddy->free_frames(block, MAX_ORDER + 1), "order 11\\): not a block address and order");
}

TEST(BuddyAllocatorDeathTest, BadRangesAndTagsPanic)
{
    TestBuddy buddy(BASE, 1024);
    buddy->add_free_range(BASE, 512 * PAGE_SIZE);
    EXPECT_VERIFY_FAILS(buddy->add_free_range(BASE + 511 * PAGE_SIZE, 2 * PAGE_SIZE)); // overlaps free
    EXPECT_VERIFY_FAILS(buddy->add_free_range(BASE + 1000 * PAGE_SIZE, 100 * PAGE_SIZE)); // past the end
    EXPECT_VERIFY_FAILS(buddy->add_free_range(BASE + 600 * PAGE_SIZE + 1, PAGE_SIZE)); // misaligned
    EXPECT_VERIFY_FAILS(buddy->set_tag(BASE, 1)); // free frame
    EXPECT_VERIFY_FAILS(buddy->set_tag(BASE + 700 * PAGE_SIZE, 1)); // reserved frame
    EXPECT_VERIFY_FAILS(buddy->init(BASE + 1, 16, nullptr)); // misaligned base
}

namespace {

TEST_F(BuddyAllocatorWithOneBlock, SingleFramesAreReferenceCounted)
{
    PhysicalAddress frame = allocate(*buddy, 0);
    EXPECT_EQ(buddy->frame_references(frame), 1u);
    buddy->retain_frame(frame);
    buddy->retain_frame(frame);
    EXPECT_EQ(buddy->frame_references(frame), 3u);
    buddy->release_frame(frame);
    buddy->release_frame(frame);
    EXPECT_EQ(buddy->allocated_frame_count(), 1u);
    buddy->release_frame(frame); // the last reference frees it
    EXPECT_EQ(buddy->allocated_frame_count(), 0u);
    EXPECT_EQ(block_counts(*buddy).back(), 1u) << "merged back into one block";
    PhysicalAddress again = allocate(*buddy, 0);
    EXPECT_EQ(buddy->frame_references(again), 1u) << "a new allocation starts at one";
    buddy->free_frames(again, 0);
}

TEST(BuddyAllocatorDeathTest, SharedFramesCannotBeFreedAndBlocksAreNotCounted)
{
    TestBuddy buddy(BASE, 1024);
    buddy->add_free_range(BASE, 1024 * PAGE_SIZE);
    PhysicalAddress frame = allocate(*buddy, 0);
    PhysicalAddress block = allocate(*buddy, 1);
    buddy->retain_frame(frame);
    EXPECT_PANIC_MATCHING(buddy->free_frames(frame, 0), "still has 2 references");
    EXPECT_PANIC_MATCHING(buddy->retain_frame(block), "not an allocated single frame");
    EXPECT_PANIC_MATCHING(buddy->release_frame(BASE + 1000 * PAGE_SIZE), "not an allocated single frame");
}

} // namespace
