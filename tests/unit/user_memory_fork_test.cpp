// mm::UserMemory::fork: copy on write for private pages (each side sees its own writes
// only, frames counted and freed with their last mapping), shared anonymous memory seen
// by both, file mappings read lazily and copied on write.
#include "user_memory_test_support.hpp"

namespace user_memory_test {
namespace {

constexpr VirtualAddress A = 0x4000'0000;

struct UserMemoryForkTest : UserMemoryTest {
    UserMemory* fork_child()
    {
        auto child = memory->fork();
        EXPECT_FALSE(child.is_error());
        if (child.is_error())
            return nullptr;
        others.push_back(child.value());
        return child.value();
    }
    uint32_t references(UserMemory* of, VirtualAddress address) { return frames->frame_references(frame_of(of, address)); }
};

TEST_F(UserMemoryForkTest, PrivatePagesAreCopiedOnWrite)
{
    map_fixed(A, 3 * PAGE_SIZE, RW);
    user_write(memory, A, 1);
    user_write(memory, A + PAGE_SIZE, 2);
    // The third page stays untouched.
    uint64_t frames_before = frames->allocated_frame_count();
    machine.flushes.clear();
    UserMemory* child = fork_child();
    EXPECT_EQ(layout(child), layout());
    EXPECT_TRUE(machine.flushed(A)) << "the parent's pages became read-only";
    EXPECT_EQ(frame_of(child, A), frame_of(memory, A));
    EXPECT_EQ(references(memory, A), 2u);
    EXPECT_EQ(entry(memory, A) & mm_test::raw_bits::WRITABLE, 0u);
    EXPECT_EQ(entry(child, A) & mm_test::raw_bits::WRITABLE, 0u);
    EXPECT_EQ(child->resident_bytes(), 2 * PAGE_SIZE);

    machine.flushes.clear();
    user_write(memory, A, 10); // the parent writes: it gets a copy
    EXPECT_TRUE(machine.flushed(A));
    EXPECT_NE(frame_of(memory, A), frame_of(child, A));
    EXPECT_EQ(user_read(child, A), 1) << "the child sees the old contents";
    EXPECT_EQ(user_read(memory, A), 10);
    EXPECT_EQ(references(child, A), 1u);
    // The last sharer writes in place: no copy.
    mm::PhysicalAddress child_frame = frame_of(child, A);
    user_write(child, A, 20);
    EXPECT_EQ(frame_of(child, A), child_frame);
    EXPECT_EQ(user_read(memory, A), 10);

    user_write(child, A + PAGE_SIZE, 30); // the child writes first
    EXPECT_EQ(user_read(memory, A + PAGE_SIZE), 2);
    EXPECT_EQ(user_read(child, A + PAGE_SIZE), 30);
    user_write(child, A + 2 * PAGE_SIZE, 40); // untouched at fork: each gets a zero page
    EXPECT_EQ(user_read(memory, A + 2 * PAGE_SIZE), 0);

    UserMemory::destroy(child);
    others.clear();
    EXPECT_EQ(references(memory, A + PAGE_SIZE), 1u);
    EXPECT_EQ(frames->allocated_frame_count(), frames_before + 1) << "one more page: the parent's copy of A";
}

TEST_F(UserMemoryForkTest, KernelWritesCopyASharedPageFirst)
{
    map_fixed(A, PAGE_SIZE, R);
    const uint8_t first[] = { 1, 2, 3 };
    ASSERT_FALSE(memory->write(A, first, 3).is_error());
    UserMemory* child = fork_child();
    const uint8_t second[] = { 9 };
    ASSERT_FALSE(child->write(A + 1, second, 1).is_error());
    EXPECT_NE(frame_of(child, A), frame_of(memory, A));
    EXPECT_EQ(user_read(child, A), 1);
    EXPECT_EQ(user_read(child, A + 1), 9);
    EXPECT_EQ(user_read(memory, A + 1), 2);
    EXPECT_EQ(entry(child, A) & mm_test::raw_bits::WRITABLE, 0u) << "still read-only for the program";
    // make_present for a kernel write copies too.
    ASSERT_FALSE(memory->protect(A, PAGE_SIZE, RW).is_error());
    UserMemory* second_child = fork_child();
    ASSERT_FALSE(second_child->make_present(A, 1, true).is_error());
    EXPECT_NE(frame_of(second_child, A), frame_of(memory, A));
    EXPECT_EQ(user_read(second_child, A + 2), 3);
}

TEST_F(UserMemoryForkTest, CountsReturnToBaselineWhicheverGoesFirst)
{
    map_fixed(A, 2 * PAGE_SIZE, RW);
    user_write(memory, A, 5);
    UserMemory* child = fork_child();
    UserMemory* grandchild = nullptr;
    {
        auto made = child->fork();
        ASSERT_FALSE(made.is_error());
        grandchild = made.value();
    }
    EXPECT_EQ(references(memory, A), 3u);
    UserMemory::destroy(memory);
    memory = nullptr;
    EXPECT_EQ(references(child, A), 2u);
    user_write(grandchild, A, 6);
    EXPECT_EQ(user_read(child, A), 5);
    UserMemory::destroy(grandchild);
    EXPECT_EQ(references(child, A), 1u);
}

TEST_F(UserMemoryForkTest, SharedAnonymousMemoryIsSeenByBoth)
{
    MapRequest request;
    request.hint = A;
    request.length = 3 * PAGE_SIZE;
    request.protection = RW;
    request.shared = true;
    request.fixed = true;
    map(request);
    user_write(memory, A, 1);
    UserMemory* child = fork_child();
    EXPECT_TRUE(entry(memory, A) & mm_test::raw_bits::WRITABLE) << "shared pages stay writable";
    user_write(child, A, 2);
    EXPECT_EQ(user_read(memory, A), 2);
    // Untouched before the fork, still the same page in both.
    user_write(memory, A + 2 * PAGE_SIZE, 3);
    EXPECT_EQ(user_read(child, A + 2 * PAGE_SIZE), 3);
    EXPECT_EQ(frame_of(child, A + PAGE_SIZE), frame_of(memory, A + PAGE_SIZE));
    // Private memory forked from the child is still shared with the parent.
    ASSERT_FALSE(child->unmap(A + PAGE_SIZE, PAGE_SIZE).is_error());
    EXPECT_EQ(user_read(memory, A + PAGE_SIZE), 0);
    EXPECT_EQ(references(memory, A + PAGE_SIZE), 1u);
}

TEST_F(UserMemoryForkTest, ProtNonePagesAreInheritedParked)
{
    map_fixed(A, PAGE_SIZE, RW);
    user_write(memory, A, 7);
    ASSERT_FALSE(memory->protect(A, PAGE_SIZE, NONE).is_error());
    UserMemory* child = fork_child();
    EXPECT_EQ(user_touch(child, A, Access::Read), FaultOutcome::ProtectionViolation);
    ASSERT_FALSE(child->protect(A, PAGE_SIZE, RW).is_error());
    EXPECT_EQ(entry(child, A) & mm_test::raw_bits::WRITABLE, 0u) << "still shared: copy on write";
    user_write(child, A, 8);
    ASSERT_FALSE(memory->protect(A, PAGE_SIZE, R).is_error());
    EXPECT_EQ(user_read(memory, A), 7);
    EXPECT_EQ(user_read(child, A), 8);
}

TEST_F(UserMemoryForkTest, FilePagesAreReadLazilyAndCopiedOnWrite)
{
    FakeFile file(2 * PAGE_SIZE + 100);
    MapRequest request;
    request.hint = A;
    request.length = 4 * PAGE_SIZE;
    request.protection = RW;
    request.fixed = true;
    request.file = &file;
    request.file_offset = PAGE_SIZE;
    map(request);
    EXPECT_TRUE(file.reads.empty());
    EXPECT_EQ(user_read(memory, A + 5), file_byte(PAGE_SIZE + 5));
    EXPECT_EQ(file.reads, std::vector<uint64_t> { PAGE_SIZE });
    EXPECT_EQ(user_read(memory, A + PAGE_SIZE + 99), file_byte(2 * PAGE_SIZE + 99));
    EXPECT_EQ(user_read(memory, A + PAGE_SIZE + 100), 0) << "zero past the end of the file";
    EXPECT_EQ(file.reads.size(), 2u);
    user_write(memory, A + 5, 0xaa); // private: the file never sees it
    EXPECT_EQ(file.reads.size(), 2u);

    UserMemory* child = fork_child();
    EXPECT_EQ(file.references, 2);
    user_write(child, A + 6, 0xbb);
    EXPECT_EQ(user_read(memory, A + 6), file_byte(PAGE_SIZE + 6));
    EXPECT_EQ(user_read(child, A + 5), 0xaa);
    EXPECT_EQ(user_read(child, A + 6), 0xbb);
    file.fail_reads = true;
    EXPECT_EQ(user_touch(child, A + 2 * PAGE_SIZE, Access::Read), FaultOutcome::FileError);
    EXPECT_EQ(mm_test::error_of(child->make_present(A + 2 * PAGE_SIZE, 1, false)), kstd::Errno::BadAddress);
    UserMemory::destroy(child);
    others.clear();
    EXPECT_EQ(file.references, 1);
    UserMemory::destroy(memory); // before the file goes
    memory = nullptr;
    EXPECT_EQ(file.references, 0);
}

} // namespace
} // namespace user_memory_test
