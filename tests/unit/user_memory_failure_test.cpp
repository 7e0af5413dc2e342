// mm::UserMemory out of memory: every frame allocation (and the heap's pages) made to fail
// in turn during map, faults, make_present, write, fork, create and protect. Each failure
// must be ENOMEM (or OutOfMemory) with nothing changed and nothing leaked; the fixture's
// TearDown then checks frames and heap are back at their baseline.
#include "user_memory_test_support.hpp"

namespace user_memory_test {
namespace {

constexpr VirtualAddress A = 0x4000'0000;

struct UserMemoryFailureTest : UserMemoryTest {
    // Runs `attempt` with the n-th frame allocation failing, n = 0, 1, ... until it
    // succeeds; `failed(result)` checks a failed attempt. Returns how many failed.
    template<typename Attempt, typename Failed>
    int fail_each_frame(Attempt attempt, Failed failed)
    {
        for (int index = 0; index < 64; ++index) {
            frames->fail_after(index);
            bool succeeded = attempt();
            frames->stop_failing();
            if (succeeded)
                return index;
            failed();
        }
        ADD_FAILURE() << "never succeeded";
        return 0;
    }
};

TEST_F(UserMemoryFailureTest, FaultsFailWithNothingHalfDone)
{
    map_fixed(A + 3 * 512 * PAGE_SIZE * 512, PAGE_SIZE, RW); // a page whose tables are all new
    VirtualAddress page = A + 3 * 512 * PAGE_SIZE * 512;
    uint64_t before = frames->allocated_frame_count();
    int failures = fail_each_frame(
        [&] {
            return memory->resolve_fault(page, { true, false, true, false }) != FaultOutcome::OutOfMemory;
        },
        [&] {
            EXPECT_EQ(frames->allocated_frame_count(), before);
            EXPECT_EQ(entry(memory, page), 0u);
        });
    EXPECT_EQ(failures, 4) << "the frame, then a PDPT, a PD and a PT";
    EXPECT_EQ(user_read(memory, page), 0);
}

TEST_F(UserMemoryFailureTest, CopyOnWriteFailsCleanly)
{
    map_fixed(A, PAGE_SIZE, RW);
    user_write(memory, A, 3);
    auto child = memory->fork();
    ASSERT_FALSE(child.is_error());
    others.push_back(child.value());
    uint64_t before = frames->allocated_frame_count();
    frames->fail_after(0);
    EXPECT_EQ(memory->resolve_fault(A, { true, false, true, true }), FaultOutcome::OutOfMemory);
    frames->stop_failing();
    EXPECT_EQ(frames->allocated_frame_count(), before);
    EXPECT_EQ(frame_of(memory, A), frame_of(child.value(), A));
    EXPECT_EQ(frames->frame_references(frame_of(memory, A)), 2u);
    user_write(memory, A, 4);
    EXPECT_EQ(user_read(child.value(), A), 3);
}

TEST_F(UserMemoryFailureTest, MakePresentAndWriteReportEnomem)
{
    map_fixed(A, 4 * PAGE_SIZE, RW);
    std::vector<uint8_t> bytes(4 * PAGE_SIZE, 0x42);
    int failures = fail_each_frame(
        [&] {
            auto written = memory->write(A, bytes.data(), bytes.size());
            if (written.is_error()) {
                EXPECT_EQ(written.error().code(), kstd::Errno::OutOfMemory);
            }
            return !written.is_error();
        },
        [] {});
    EXPECT_GE(failures, 4);
    for (uint64_t offset = 0; offset < bytes.size(); offset += 999)
        EXPECT_EQ(user_read(memory, A + offset), 0x42);
    ASSERT_FALSE(memory->unmap(A, 4 * PAGE_SIZE).is_error());
    map_fixed(A, 4 * PAGE_SIZE, RW);
    fail_each_frame(
        [&] {
            auto present = memory->make_present(A + 10, 3 * PAGE_SIZE, true);
            if (present.is_error()) {
                EXPECT_EQ(present.error().code(), kstd::Errno::OutOfMemory);
            }
            return !present.is_error();
        },
        [] {});
    for (int page = 0; page < 4; ++page)
        EXPECT_TRUE(entry(memory, A + page * PAGE_SIZE) & mm_test::raw_bits::WRITABLE);
}

TEST_F(UserMemoryFailureTest, ForkFailsWithoutLeaks)
{
    map_fixed(A, 3 * PAGE_SIZE, RW);
    map_fixed(A + 512 * 512 * PAGE_SIZE, 2 * PAGE_SIZE, R); // other tables
    MapRequest shared;
    shared.hint = A + 1024 * PAGE_SIZE;
    shared.length = 2 * PAGE_SIZE;
    shared.protection = RW;
    shared.shared = true;
    shared.fixed = true;
    map(shared);
    user_write(memory, A, 1);
    user_write(memory, A + 2 * PAGE_SIZE, 2);
    user_read(memory, A + 512 * 512 * PAGE_SIZE);
    user_write(memory, A + 1024 * PAGE_SIZE, 3);
    ASSERT_FALSE(memory->make_present(A + 1025 * PAGE_SIZE, 1, false).is_error()); // shared: all present
    std::string before_layout = layout();
    uint64_t before = frames->allocated_frame_count();
    UserMemory* child = nullptr;
    int failures = fail_each_frame(
        [&] {
            auto made = memory->fork();
            if (made.is_error()) {
                EXPECT_EQ(made.error().code(), kstd::Errno::OutOfMemory);
                return false;
            }
            child = made.value();
            return true;
        },
        [&] {
            EXPECT_EQ(frames->allocated_frame_count(), before);
            EXPECT_EQ(layout(), before_layout);
            EXPECT_EQ(machine.spaces, 1);
            EXPECT_EQ(frames->frame_references(frame_of(memory, A)), 1u);
        });
    EXPECT_GE(failures, 5) << "a root, then tables for both places";
    ASSERT_NE(child, nullptr);
    others.push_back(child);
    user_write(memory, A, 5);
    EXPECT_EQ(user_read(child, A), 1);
    EXPECT_EQ(user_read(child, A + 2 * PAGE_SIZE), 2);
    user_write(child, A + 1024 * PAGE_SIZE, 6);
    EXPECT_EQ(user_read(memory, A + 1024 * PAGE_SIZE), 6);
}

TEST_F(UserMemoryFailureTest, RegionObjectsFailAsEnomem)
{
    // A fresh heap holds no cached objects, so the first region needs a new heap page.
    UserMemory::destroy(memory);
    memory = nullptr;
    ASSERT_FALSE(mm::set_kernel_heap("slab", heap_pages(), 16 * MiB).is_error());
    heap_pages().fail_after(0);
    EXPECT_EQ(mm_test::error_of(UserMemory::create(*frames, kernel, machine)), kstd::Errno::OutOfMemory);
    heap_pages().fail_never();
    memory = created();
    heap_pages().fail_after(0);
    MapRequest request;
    request.length = PAGE_SIZE;
    request.protection = RW;
    EXPECT_EQ(mm_test::error_of(memory->map(request)), kstd::Errno::OutOfMemory);
    memory->set_initial_break(0x60'0000);
    EXPECT_EQ(memory->set_break(0x60'1000), 0x60'0000u);
    EXPECT_EQ(mm_test::error_of(memory->create_stack(0x7000'0000, PAGE_SIZE, MiB)), kstd::Errno::OutOfMemory);
    EXPECT_TRUE(regions().empty());
    heap_pages().fail_never();
    map_fixed(A, 3 * PAGE_SIZE, RW);
    EXPECT_EQ(layout(), "40000000-40003000:rw-:anon");
}

TEST_F(UserMemoryFailureTest, CreateFailsWithoutLeaks)
{
    uint64_t before = frames->allocated_frame_count();
    frames->fail_after(0);
    EXPECT_EQ(mm_test::error_of(UserMemory::create(*frames, kernel, machine)), kstd::Errno::OutOfMemory);
    frames->stop_failing();
    EXPECT_EQ(frames->allocated_frame_count(), before);
    EXPECT_EQ(machine.spaces, 1);
}

} // namespace
} // namespace user_memory_test
