// mm::UserMemory's heap (brk(2): grows, shrinks, refuses and returns the old break) and
// stack (grows down on a fault within its limit, never into the guard gap above the
// region below), and how the stack moves the mmap base.
#include "user_memory_test_support.hpp"

namespace user_memory_test {
namespace {

constexpr VirtualAddress HEAP = 0x60'0000;
constexpr VirtualAddress STACK_TOP = 0x7fff'f000'0000;
constexpr uint64_t GAP = UserMemory::STACK_GUARD_GAP;

TEST_F(UserMemoryTest, BreakGrowsAndShrinks)
{
    EXPECT_EQ(memory->set_break(HEAP + PAGE_SIZE), 0u) << "no heap before exec sets one";
    memory->set_initial_break(HEAP);
    EXPECT_EQ(memory->set_break(0), HEAP);
    EXPECT_EQ(memory->set_break(HEAP + 10), HEAP + 10);
    EXPECT_EQ(layout(), "600000-601000:rw-:heap");
    EXPECT_EQ(memory->set_break(HEAP + 3 * PAGE_SIZE + 1), HEAP + 3 * PAGE_SIZE + 1);
    EXPECT_EQ(layout(), "600000-604000:rw-:heap");
    user_write(memory, HEAP + 3 * PAGE_SIZE, 9);
    user_write(memory, HEAP, 8);
    uint64_t frames_before = frames->allocated_frame_count();
    machine.flushes.clear();
    EXPECT_EQ(memory->set_break(HEAP + PAGE_SIZE), HEAP + PAGE_SIZE);
    EXPECT_EQ(layout(), "600000-601000:rw-:heap");
    EXPECT_EQ(frames->allocated_frame_count(), frames_before - 1);
    EXPECT_TRUE(machine.flushed(HEAP + 3 * PAGE_SIZE));
    EXPECT_EQ(memory->set_break(HEAP + 4 * PAGE_SIZE), HEAP + 4 * PAGE_SIZE);
    EXPECT_EQ(user_read(memory, HEAP + 3 * PAGE_SIZE), 0) << "grown again: zero";
    EXPECT_EQ(user_read(memory, HEAP), 8);
    EXPECT_EQ(memory->set_break(HEAP), HEAP);
    EXPECT_TRUE(regions().empty());
    EXPECT_EQ(memory->set_break(HEAP - 1), HEAP) << "below the start: refused";
}

TEST_F(UserMemoryTest, UnusableBreakStartLeavesTheHeapOff)
{
    memory->set_initial_break(HEAP + 1);
    EXPECT_EQ(memory->set_break(HEAP + PAGE_SIZE), 0u);
    memory->set_initial_break(USER_END);
    EXPECT_EQ(memory->set_break(USER_END + PAGE_SIZE), 0u);
    EXPECT_TRUE(regions().empty());
}

TEST_F(UserMemoryTest, BreakStopsBeforeOtherMappings)
{
    memory->set_initial_break(HEAP);
    map_fixed(HEAP + 4 * PAGE_SIZE, PAGE_SIZE, R);
    EXPECT_EQ(memory->set_break(HEAP + 4 * PAGE_SIZE), HEAP) << "a page must stay free below the next";
    EXPECT_EQ(memory->set_break(HEAP + 3 * PAGE_SIZE), HEAP + 3 * PAGE_SIZE);
    EXPECT_EQ(memory->set_break(USER_END + PAGE_SIZE), HEAP + 3 * PAGE_SIZE);
    EXPECT_EQ(memory->set_break(UINT64_MAX), HEAP + 3 * PAGE_SIZE);
    EXPECT_EQ(layout(), "600000-603000:rw-:heap 604000-605000:r--:anon");
}

TEST_F(UserMemoryTest, StackGrowsDownToItsLimit)
{
    ASSERT_FALSE(memory->create_stack(STACK_TOP, 2 * PAGE_SIZE, 8 * MiB).is_error());
    EXPECT_EQ(memory->mmap_base(), STACK_TOP - 128 * MiB);
    EXPECT_EQ(layout(), "7fffefffe000-7ffff0000000:rw-:stack");
    user_write(memory, STACK_TOP - 8, 1);
    user_write(memory, STACK_TOP - 5 * PAGE_SIZE, 2); // below: grows
    EXPECT_EQ(regions()[0].start, STACK_TOP - 5 * PAGE_SIZE);
    EXPECT_EQ(user_read(memory, STACK_TOP - 8 * MiB), 0); // the very limit
    EXPECT_EQ(regions()[0].start, STACK_TOP - 8 * MiB);
    EXPECT_EQ(user_touch(memory, STACK_TOP - 8 * MiB - 1, Access::Read), FaultOutcome::NoRegion);
    EXPECT_EQ(regions().size(), 1u);
    EXPECT_EQ(user_touch(memory, STACK_TOP, Access::Read), FaultOutcome::NoRegion);
    EXPECT_EQ(mm_test::error_of(memory->create_stack(STACK_TOP - 64 * MiB, PAGE_SIZE, MiB)),
              kstd::Errno::AlreadyExists);
}

TEST_F(UserMemoryTest, StackKeepsItsGuardGap)
{
    ASSERT_FALSE(memory->create_stack(STACK_TOP, PAGE_SIZE, 64 * MiB).is_error());
    EXPECT_EQ(memory->mmap_base(), STACK_TOP - 128 * MiB) << "at least 128 MiB below the stack";
    VirtualAddress below_end = STACK_TOP - 4 * MiB;
    map_fixed(below_end - PAGE_SIZE, PAGE_SIZE, RW);
    // Growing to within the gap of the mapping below: refused.
    EXPECT_EQ(user_touch(memory, below_end + GAP - 1, Access::Write), FaultOutcome::NoRegion);
    EXPECT_EQ(user_touch(memory, below_end + GAP, Access::Write), FaultOutcome::Resolved);
    // A PROT_NONE region below needs no gap (it may be the guard itself).
    ASSERT_FALSE(memory->protect(below_end - PAGE_SIZE, PAGE_SIZE, NONE).is_error());
    EXPECT_EQ(user_touch(memory, below_end, Access::Write), FaultOutcome::Resolved);
    // Non-fixed mappings keep out of the gap too.
    ASSERT_FALSE(memory->unmap(below_end - PAGE_SIZE, PAGE_SIZE).is_error());
    MapRequest hinted;
    hinted.hint = below_end - GAP;
    hinted.length = PAGE_SIZE;
    hinted.protection = RW;
    EXPECT_NE(map(hinted), below_end - GAP);
    hinted.hint = below_end - GAP - PAGE_SIZE;
    EXPECT_EQ(map(hinted), below_end - GAP - PAGE_SIZE);
}

TEST_F(UserMemoryTest, BreakKeepsOutOfTheStackGap)
{
    VirtualAddress top = HEAP + 64 * PAGE_SIZE + GAP;
    ASSERT_FALSE(memory->create_stack(top, PAGE_SIZE, 16 * PAGE_SIZE).is_error());
    memory->set_initial_break(HEAP);
    EXPECT_EQ(memory->set_break(top - PAGE_SIZE - GAP), HEAP) << "the new break plus a page reaches the gap";
    EXPECT_EQ(memory->set_break(top - 2 * PAGE_SIZE - GAP), top - 2 * PAGE_SIZE - GAP);
}

} // namespace
} // namespace user_memory_test
