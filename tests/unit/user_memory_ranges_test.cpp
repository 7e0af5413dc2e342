// mm::UserMemory on ranges: munmap and mprotect splitting (first, last, middle pages,
// across regions and holes) and merging regions, PROT_NONE keeping contents, the kernel's
// make_present and write, and what for_each_region reports. Linux's man pages (munmap(2),
// mprotect(2)) are the reference for the errors.
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
