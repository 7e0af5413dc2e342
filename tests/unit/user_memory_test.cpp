// mm::UserMemory: creation, mmap's placement (top down below the mmap base, hints, fixed
// replacing) and argument checks, demand zero and the fault outcomes. Linux's mmap(2) is
// the reference for the errors. Ranges (munmap, mprotect) are in user_memory_ranges_test.
#include "user_memory_test_support.hpp"

namespace user_memory_test {
namespace {

constexpr VirtualAddress A = 0x4000'0000; // a place for fixed mappings

MapRequest anonymous(uint64_t length, Protection protection = RW, VirtualAddress hint = 0)
{
    MapRequest request;
    request.hint = hint;
    request.length = length;
    request.protection = protection;
    return request;
}

kstd::Errno map_error(UserMemory* memory, const MapRequest& request)
{
    return mm_test::error_of(memory->map(request));
}

TEST_F(UserMemoryTest, StartsEmptyWithItsOwnRoot)
{
    EXPECT_TRUE(regions().empty());
    EXPECT_EQ(memory->resident_bytes(), 0u);
    EXPECT_EQ(memory->mapped_bytes(), 0u);
    EXPECT_NE(memory->root(), kernel.root());
    EXPECT_EQ(memory->machine().root, memory->root());
    EXPECT_EQ(machine.spaces, 1);
    // The kernel half is shared.
    EXPECT_EQ(static_cast<uint64_t*>(hal::phys_to_virt(memory->root()))[300],
              static_cast<uint64_t*>(hal::phys_to_virt(kernel.root()))[300]);
}

TEST_F(UserMemoryTest, CreateFailsWhenTheMachineCannot)
{
    machine.refuse_create = true;
    EXPECT_EQ(mm_test::error_of(UserMemory::create(*frames, kernel, machine)), kstd::Errno::TryAgain);
}

TEST_F(UserMemoryTest, MapsTopDownBelowTheMmapBase)
{
    VirtualAddress base = memory->mmap_base();
    EXPECT_EQ(base, USER_END - 128 * MiB); // Linux's minimum gap
    VirtualAddress first = map(anonymous(3 * PAGE_SIZE));
    EXPECT_EQ(first, base - 3 * PAGE_SIZE);
    VirtualAddress second = map(anonymous(100)); // rounded up to a page
    EXPECT_EQ(second, first - PAGE_SIZE);
    EXPECT_EQ(memory->mapped_bytes(), 4 * PAGE_SIZE);
    EXPECT_EQ(memory->resident_bytes(), 0u) << "nothing is touched yet";
    // A hole left by munmap is reused: the highest gap that fits.
    ASSERT_FALSE(memory->unmap(first + PAGE_SIZE, PAGE_SIZE).is_error());
    EXPECT_EQ(map(anonymous(PAGE_SIZE)), first + PAGE_SIZE);
    EXPECT_EQ(map(anonymous(2 * PAGE_SIZE)), second - 2 * PAGE_SIZE);
}

TEST_F(UserMemoryTest, AboveTheMmapBaseWhenNothingBelowIsFree)
{
    VirtualAddress base = memory->mmap_base();
    map_fixed(UserMemory::MINIMUM_ADDRESS, base - UserMemory::MINIMUM_ADDRESS - PAGE_SIZE, NONE);
    EXPECT_EQ(map(anonymous(PAGE_SIZE)), base - PAGE_SIZE) << "the last page below the base";
    EXPECT_EQ(map(anonymous(2 * PAGE_SIZE)), USER_END - 2 * PAGE_SIZE) << "then the highest gap above it";
    EXPECT_EQ(mm_test::error_of(memory->map(anonymous(USER_END - base))), kstd::Errno::OutOfMemory);
    EXPECT_EQ(memory->resident_bytes(), 0u);
}

TEST_F(UserMemoryTest, HintIsUsedWhenFreeAndIgnoredOtherwise)
{
    EXPECT_EQ(map(anonymous(PAGE_SIZE, RW, A)), A);
    EXPECT_EQ(map(anonymous(PAGE_SIZE, RW, A + 123)), A + PAGE_SIZE) << "a hint is rounded up to a page";
    VirtualAddress elsewhere = map(anonymous(PAGE_SIZE, RW, A));
    EXPECT_NE(elsewhere, A);
    EXPECT_EQ(elsewhere, memory->mmap_base() - PAGE_SIZE);
    EXPECT_NE(map(anonymous(PAGE_SIZE, RW, 0x1000)), 0x1000u) << "below vm.mmap_min_addr";
    EXPECT_NE(map(anonymous(2 * PAGE_SIZE, RW, USER_END - PAGE_SIZE)), USER_END - PAGE_SIZE);
}

TEST_F(UserMemoryTest, ArgumentErrorsAreLinuxs)
{
    EXPECT_EQ(map_error(memory, anonymous(0)), kstd::Errno::InvalidArgument);
    EXPECT_EQ(map_error(memory, anonymous(UINT64_MAX)), kstd::Errno::OutOfMemory);
    EXPECT_EQ(map_error(memory, anonymous(USER_END + PAGE_SIZE)), kstd::Errno::OutOfMemory);
    MapRequest fixed = anonymous(PAGE_SIZE, RW, A + 1);
    fixed.fixed = true;
    EXPECT_EQ(map_error(memory, fixed), kstd::Errno::InvalidArgument);
    fixed.hint = USER_END - PAGE_SIZE;
    fixed.length = 2 * PAGE_SIZE;
    EXPECT_EQ(map_error(memory, fixed), kstd::Errno::OutOfMemory);
    fixed.hint = 0x1000;
    fixed.length = PAGE_SIZE;
    EXPECT_EQ(map_error(memory, fixed), kstd::Errno::NotPermitted);
    MapRequest bad_protection = anonymous(PAGE_SIZE, Protection::User | R);
    EXPECT_EQ(map_error(memory, bad_protection), kstd::Errno::InvalidArgument);
    FakeFile file(PAGE_SIZE);
    MapRequest file_request = anonymous(PAGE_SIZE, R);
    file_request.file = &file;
    file_request.file_offset = 100;
    EXPECT_EQ(map_error(memory, file_request), kstd::Errno::InvalidArgument);
    file_request.file_offset = 0;
    file_request.shared = true;
    EXPECT_EQ(map_error(memory, file_request), kstd::Errno::NoSuchDevice);
    EXPECT_EQ(file.references, 0);
    EXPECT_TRUE(regions().empty());
    // A fixed mapping may end exactly at the end of user space.
    EXPECT_EQ(map_fixed(USER_END - PAGE_SIZE, PAGE_SIZE, R), USER_END - PAGE_SIZE);
}

TEST_F(UserMemoryTest, FixedReplacesAndFreesWhatWasThere)
{
    map_fixed(A, 4 * PAGE_SIZE, RW);
    for (int page = 0; page < 4; ++page)
        user_write(memory, A + page * PAGE_SIZE, uint8_t(10 + page));
    uint64_t frames_before = frames->allocated_frame_count();
    machine.flushes.clear();
    map_fixed(A + PAGE_SIZE, 2 * PAGE_SIZE, R);
    EXPECT_EQ(layout(), "40000000-40001000:rw-:anon 40001000-40003000:r--:anon 40003000-40004000:rw-:anon");
    EXPECT_EQ(frames->allocated_frame_count(), frames_before - 2) << "the replaced pages' frames are freed";
    EXPECT_TRUE(machine.flushed(A + PAGE_SIZE) && machine.flushed(A + 2 * PAGE_SIZE));
    EXPECT_EQ(user_read(memory, A), 10);
    EXPECT_EQ(user_read(memory, A + PAGE_SIZE), 0) << "the new mapping is zero";
    EXPECT_EQ(user_read(memory, A + 3 * PAGE_SIZE), 13);

    MapRequest noreplace = anonymous(PAGE_SIZE, RW, A + 3 * PAGE_SIZE);
    noreplace.fixed_noreplace = true;
    EXPECT_EQ(map_error(memory, noreplace), kstd::Errno::AlreadyExists);
    noreplace.hint = A + 4 * PAGE_SIZE;
    EXPECT_EQ(map(noreplace), A + 4 * PAGE_SIZE);
}

TEST_F(UserMemoryTest, DemandZeroOnFirstTouch)
{
    VirtualAddress at = map(anonymous(2 * PAGE_SIZE));
    EXPECT_EQ(entry(memory, at), 0u);
    EXPECT_EQ(user_read(memory, at + 5), 0);
    uint64_t raw = entry(memory, at);
    EXPECT_TRUE(raw & mm_test::raw_bits::USER);
    EXPECT_TRUE(raw & mm_test::raw_bits::NO_EXECUTE);
    user_write(memory, at + PAGE_SIZE + 7, 0x5a);
    EXPECT_EQ(user_read(memory, at + PAGE_SIZE + 7), 0x5a);
    EXPECT_EQ(memory->resident_bytes(), 2 * PAGE_SIZE);
}

TEST_F(UserMemoryTest, FaultOutcomes)
{
    map_fixed(A, PAGE_SIZE, R);
    map_fixed(A + PAGE_SIZE, PAGE_SIZE, R | X);
    map_fixed(A + 2 * PAGE_SIZE, PAGE_SIZE, NONE);
    map_fixed(A + 3 * PAGE_SIZE, PAGE_SIZE, W);
    EXPECT_EQ(user_touch(memory, A, Access::Write), FaultOutcome::ProtectionViolation);
    EXPECT_EQ(user_touch(memory, A, Access::Execute), FaultOutcome::ProtectionViolation);
    EXPECT_EQ(user_touch(memory, A, Access::Read), FaultOutcome::Resolved);
    EXPECT_EQ(user_touch(memory, A + PAGE_SIZE, Access::Execute), FaultOutcome::Resolved);
    EXPECT_EQ(user_touch(memory, A + 2 * PAGE_SIZE, Access::Read), FaultOutcome::ProtectionViolation);
    EXPECT_EQ(entry(memory, A + 2 * PAGE_SIZE) & mm_test::raw_bits::PRESENT, 0u);
    EXPECT_EQ(user_touch(memory, A + 3 * PAGE_SIZE, Access::Read), FaultOutcome::Resolved) << "write-only reads";
    EXPECT_EQ(user_touch(memory, A + 3 * PAGE_SIZE, Access::Write), FaultOutcome::Resolved);
    EXPECT_EQ(user_touch(memory, A + 4 * PAGE_SIZE, Access::Read), FaultOutcome::NoRegion);
    EXPECT_EQ(user_touch(memory, A - 1, Access::Read), FaultOutcome::NoRegion);
    EXPECT_EQ(user_touch(memory, USER_END, Access::Read), FaultOutcome::NoRegion);
    EXPECT_EQ(user_touch(memory, 0xffff'8000'0000'0000, Access::Read), FaultOutcome::NoRegion);
    // A stale translation: resolved, and the machine told to forget the page.
    machine.flushes.clear();
    hal::PageFaultAccess read { false, false, true, true };
    EXPECT_EQ(memory->resolve_fault(A, read), FaultOutcome::Resolved);
    EXPECT_TRUE(machine.flushed(A));
}

} // namespace
} // namespace user_memory_test
