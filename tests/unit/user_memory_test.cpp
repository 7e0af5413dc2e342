// mm::UserMemory: mmap's placement and argument checks, munmap and mprotect splitting
// regions, PROT_NONE, demand zero, and the machine being told of every reduced mapping.
// Linux's man pages (mmap(2), munmap(2), mprotect(2)) are the reference for the errors.
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

TEST_F(UserMemoryTest, UnmapSplitsRegionsAndFreesPages)
{
    map_fixed(A, 5 * PAGE_SIZE, RW);
    for (int page = 0; page < 5; ++page)
        user_write(memory, A + page * PAGE_SIZE, uint8_t(1 + page));
    uint64_t frames_before = frames->allocated_frame_count();
    machine.flushes.clear();
    ASSERT_FALSE(memory->unmap(A + 2 * PAGE_SIZE, PAGE_SIZE).is_error()); // the middle: three pieces
    EXPECT_EQ(layout(), "40000000-40002000:rw-:anon 40003000-40005000:rw-:anon");
    EXPECT_TRUE(machine.flushed(A + 2 * PAGE_SIZE));
    EXPECT_FALSE(machine.flushed(A + PAGE_SIZE));
    EXPECT_EQ(frames->allocated_frame_count(), frames_before - 1);
    ASSERT_FALSE(memory->unmap(A, PAGE_SIZE).is_error()); // the first page
    ASSERT_FALSE(memory->unmap(A + 4 * PAGE_SIZE, PAGE_SIZE).is_error()); // the last page
    EXPECT_EQ(layout(), "40001000-40002000:rw-:anon 40003000-40004000:rw-:anon");
    EXPECT_EQ(user_read(memory, A + PAGE_SIZE), 2);
    EXPECT_EQ(user_read(memory, A + 3 * PAGE_SIZE), 4);
    EXPECT_EQ(user_touch(memory, A + 2 * PAGE_SIZE, Access::Read), FaultOutcome::NoRegion);
    // Across both regions and the hole between them, and beyond: all gone.
    ASSERT_FALSE(memory->unmap(A, 10 * PAGE_SIZE).is_error());
    EXPECT_TRUE(regions().empty());
    EXPECT_EQ(memory->resident_bytes(), 0u);
    // A hole is fine.
    EXPECT_FALSE(memory->unmap(A, PAGE_SIZE).is_error());
}

TEST_F(UserMemoryTest, UnmapArgumentErrors)
{
    EXPECT_EQ(mm_test::error_of(memory->unmap(A + 1, PAGE_SIZE)), kstd::Errno::InvalidArgument);
    EXPECT_EQ(mm_test::error_of(memory->unmap(A, 0)), kstd::Errno::InvalidArgument);
    EXPECT_EQ(mm_test::error_of(memory->unmap(USER_END - PAGE_SIZE, 2 * PAGE_SIZE)), kstd::Errno::InvalidArgument);
    EXPECT_EQ(mm_test::error_of(memory->unmap(A, UINT64_MAX)), kstd::Errno::InvalidArgument);
    EXPECT_FALSE(memory->unmap(A, 1).is_error()) << "a length is rounded up";
}

TEST_F(UserMemoryTest, ProtectSplitsAndChangesEntries)
{
    map_fixed(A, 4 * PAGE_SIZE, RW);
    for (int page = 0; page < 4; ++page)
        user_write(memory, A + page * PAGE_SIZE, uint8_t(1 + page));
    machine.flushes.clear();
    ASSERT_FALSE(memory->protect(A + PAGE_SIZE, 2 * PAGE_SIZE, R).is_error());
    EXPECT_EQ(layout(), "40000000-40001000:rw-:anon 40001000-40003000:r--:anon 40003000-40004000:rw-:anon");
    EXPECT_TRUE(machine.flushed(A + PAGE_SIZE) && machine.flushed(A + 2 * PAGE_SIZE));
    EXPECT_EQ(entry(memory, A + PAGE_SIZE) & mm_test::raw_bits::WRITABLE, 0u);
    EXPECT_EQ(user_touch(memory, A + PAGE_SIZE, Access::Write), FaultOutcome::ProtectionViolation);
    EXPECT_EQ(user_read(memory, A + 2 * PAGE_SIZE), 3);
    user_write(memory, A + 3 * PAGE_SIZE, 9);
    // Across pieces: one protection for all, entries follow.
    ASSERT_FALSE(memory->protect(A, 4 * PAGE_SIZE, R | X).is_error());
    EXPECT_EQ(layout(), "40000000-40004000:r-x:anon") << "merged again";
    EXPECT_EQ(user_touch(memory, A + 3 * PAGE_SIZE, Access::Execute), FaultOutcome::Resolved);
    EXPECT_EQ(user_read(memory, A + 3 * PAGE_SIZE), 9);
    // The first and the last page of a region.
    ASSERT_FALSE(memory->protect(A + PAGE_SIZE, PAGE_SIZE, RW).is_error());
    ASSERT_FALSE(memory->protect(A + 2 * PAGE_SIZE, PAGE_SIZE, NONE).is_error());
    EXPECT_EQ(layout(), "40000000-40001000:r-x:anon 40001000-40002000:rw-:anon 40002000-40003000:---:anon "
                        "40003000-40004000:r-x:anon");
    EXPECT_EQ(memory->mapped_bytes(), 4 * PAGE_SIZE);
}

TEST_F(UserMemoryTest, CompatibleNeighboursMerge)
{
    map_fixed(A, 3 * PAGE_SIZE, RW);
    user_write(memory, A + PAGE_SIZE, 4);
    ASSERT_FALSE(memory->protect(A + PAGE_SIZE, PAGE_SIZE, R).is_error());
    EXPECT_EQ(regions().size(), 3u);
    ASSERT_FALSE(memory->protect(A + PAGE_SIZE, PAGE_SIZE, RW).is_error());
    EXPECT_EQ(layout(), "40000000-40003000:rw-:anon");
    EXPECT_EQ(user_read(memory, A + PAGE_SIZE), 4);
    map_fixed(A + 3 * PAGE_SIZE, PAGE_SIZE, RW);
    EXPECT_EQ(layout(), "40000000-40004000:rw-:anon");
    MapRequest shared;
    shared.hint = A + 4 * PAGE_SIZE;
    shared.length = PAGE_SIZE;
    shared.protection = RW;
    shared.shared = true;
    shared.fixed = true;
    map(shared);
    shared.hint = A + 5 * PAGE_SIZE;
    map(shared);
    EXPECT_EQ(layout(), "40000000-40004000:rw-:anon 40004000-40005000:rw-:shared 40005000-40006000:rw-:shared");

    FakeFile file(8 * PAGE_SIZE);
    MapRequest request;
    request.length = PAGE_SIZE;
    request.protection = R;
    request.fixed = true;
    request.file = &file;
    request.hint = A + 8 * PAGE_SIZE;
    request.file_offset = 2 * PAGE_SIZE;
    map(request);
    request.hint = A + 9 * PAGE_SIZE;
    request.file_offset = 3 * PAGE_SIZE; // the next page of the file: one region
    map(request);
    request.hint = A + 10 * PAGE_SIZE;
    request.file_offset = 0; // not the next page: a region of its own
    map(request);
    auto found = regions();
    ASSERT_EQ(found.size(), 5u);
    EXPECT_EQ(found[3].start, A + 8 * PAGE_SIZE);
    EXPECT_EQ(found[3].end, A + 10 * PAGE_SIZE);
    EXPECT_EQ(found[3].file_offset, 2 * PAGE_SIZE);
    EXPECT_EQ(found[4].file_offset, 0u);
    EXPECT_EQ(file.references, 2);
    EXPECT_EQ(user_read(memory, A + 9 * PAGE_SIZE + 1), file_byte(3 * PAGE_SIZE + 1));
    UserMemory::destroy(memory); // before the file goes
    memory = nullptr;
    EXPECT_EQ(file.references, 0);
}

TEST_F(UserMemoryTest, ProtectErrorsChangeNothing)
{
    map_fixed(A, 2 * PAGE_SIZE, RW);
    map_fixed(A + 3 * PAGE_SIZE, PAGE_SIZE, RW);
    std::string before = layout();
    EXPECT_EQ(mm_test::error_of(memory->protect(A + 1, PAGE_SIZE, R)), kstd::Errno::InvalidArgument);
    EXPECT_EQ(mm_test::error_of(memory->protect(A, PAGE_SIZE, R | Protection::User)), kstd::Errno::InvalidArgument);
    EXPECT_EQ(mm_test::error_of(memory->protect(A, 4 * PAGE_SIZE, R)), kstd::Errno::OutOfMemory) << "a hole";
    EXPECT_EQ(mm_test::error_of(memory->protect(A - PAGE_SIZE, 2 * PAGE_SIZE, R)), kstd::Errno::OutOfMemory);
    EXPECT_EQ(mm_test::error_of(memory->protect(A, UINT64_MAX, R)), kstd::Errno::OutOfMemory);
    EXPECT_EQ(layout(), before);
    EXPECT_FALSE(memory->protect(A, 0, R).is_error());
    EXPECT_EQ(layout(), before);
}

TEST_F(UserMemoryTest, ProtNoneKeepsTheContents)
{
    map_fixed(A, 2 * PAGE_SIZE, RW);
    user_write(memory, A + 10, 0x77);
    mm::PhysicalAddress frame = frame_of(memory, A);
    machine.flushes.clear();
    ASSERT_FALSE(memory->protect(A, 2 * PAGE_SIZE, NONE).is_error());
    EXPECT_TRUE(machine.flushed(A));
    EXPECT_EQ(entry(memory, A) & mm_test::raw_bits::PRESENT, 0u);
    EXPECT_FALSE(memory->page_table().translate(A));
    EXPECT_EQ(user_touch(memory, A, Access::Read), FaultOutcome::ProtectionViolation);
    EXPECT_EQ(memory->resident_bytes(), PAGE_SIZE) << "a parked page is still resident";
    EXPECT_EQ(mm_test::error_of(memory->make_present(A, 1, false)), kstd::Errno::BadAddress);
    ASSERT_FALSE(memory->protect(A, PAGE_SIZE, R).is_error());
    EXPECT_EQ(frame_of(memory, A), frame);
    EXPECT_EQ(user_read(memory, A + 10), 0x77);
    EXPECT_EQ(user_touch(memory, A + PAGE_SIZE, Access::Read), FaultOutcome::ProtectionViolation);
}

TEST_F(UserMemoryTest, MakePresentForKernelCopies)
{
    map_fixed(A, 2 * PAGE_SIZE, RW);
    map_fixed(A + 2 * PAGE_SIZE, PAGE_SIZE, R);
    ASSERT_FALSE(memory->make_present(A + 100, PAGE_SIZE, true).is_error());
    EXPECT_TRUE(entry(memory, A) & mm_test::raw_bits::WRITABLE);
    EXPECT_TRUE(entry(memory, A + PAGE_SIZE) & mm_test::raw_bits::WRITABLE);
    EXPECT_FALSE(memory->make_present(A, 3 * PAGE_SIZE, false).is_error());
    EXPECT_EQ(mm_test::error_of(memory->make_present(A, 3 * PAGE_SIZE, true)), kstd::Errno::BadAddress);
    EXPECT_EQ(mm_test::error_of(memory->make_present(A, 4 * PAGE_SIZE, false)), kstd::Errno::BadAddress);
    EXPECT_EQ(mm_test::error_of(memory->make_present(USER_END - 1, 2, false)), kstd::Errno::BadAddress);
    EXPECT_FALSE(memory->make_present(0, 0, false).is_error());
}

TEST_F(UserMemoryTest, WriteFillsPagesWhateverTheirProtection)
{
    map_fixed(A, 3 * PAGE_SIZE, R | X);
    std::vector<uint8_t> bytes(PAGE_SIZE + 200);
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = uint8_t(i * 3);
    ASSERT_FALSE(memory->write(A + PAGE_SIZE - 100, bytes.data(), bytes.size()).is_error());
    EXPECT_EQ(entry(memory, A + PAGE_SIZE) & mm_test::raw_bits::WRITABLE, 0u) << "still read-only";
    for (size_t i = 0; i < bytes.size(); i += 37)
        EXPECT_EQ(user_read(memory, A + PAGE_SIZE - 100 + i), bytes[i]);
    EXPECT_EQ(user_read(memory, A + PAGE_SIZE - 101), 0);
    EXPECT_EQ(mm_test::error_of(memory->write(A + 3 * PAGE_SIZE - 1, bytes.data(), 2)), kstd::Errno::BadAddress);
    map_fixed(A + 5 * PAGE_SIZE, PAGE_SIZE, NONE);
    ASSERT_FALSE(memory->write(A + 5 * PAGE_SIZE, bytes.data(), 10).is_error());
    ASSERT_FALSE(memory->protect(A + 5 * PAGE_SIZE, PAGE_SIZE, R).is_error());
    EXPECT_EQ(user_read(memory, A + 5 * PAGE_SIZE + 9), bytes[9]);
}

TEST_F(UserMemoryTest, RegionsReportWhatTheyAre)
{
    FakeFile file(3 * PAGE_SIZE);
    MapRequest request = anonymous(2 * PAGE_SIZE, R | X, A);
    request.file = &file;
    request.file_offset = PAGE_SIZE;
    request.fixed = true;
    map(request);
    EXPECT_EQ(file.references, 1);
    MapRequest shared = anonymous(PAGE_SIZE, RW, A + 4 * PAGE_SIZE);
    shared.shared = true;
    map(shared);
    auto found = regions();
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].kind, UserRegionKind::File);
    EXPECT_EQ(found[0].file, &file);
    EXPECT_EQ(found[0].file_offset, PAGE_SIZE);
    EXPECT_FALSE(found[0].shared);
    EXPECT_EQ(found[1].kind, UserRegionKind::Shared);
    EXPECT_TRUE(found[1].shared);
    // Splitting a file region keeps each piece's offset and a reference each.
    ASSERT_FALSE(memory->protect(A + PAGE_SIZE, PAGE_SIZE, R).is_error());
    found = regions();
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[1].file_offset, 2 * PAGE_SIZE);
    EXPECT_EQ(file.references, 2);
    ASSERT_FALSE(memory->unmap(A, PAGE_SIZE).is_error());
    EXPECT_EQ(file.references, 1);
    UserMemory::destroy(memory);
    memory = nullptr;
    EXPECT_EQ(file.references, 0);
}

} // namespace
} // namespace user_memory_test
