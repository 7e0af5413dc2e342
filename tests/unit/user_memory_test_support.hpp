// UserMemoryTest: a fixture for the mm::UserMemory tests, with fakes for what it uses.
//
// Frames come from a buddy allocator over the sim's RAM (so pages really hold bytes,
// reached through hal::phys_to_virt) and are counted: TearDown checks that every frame
// went back (only the kernel table's stay) and that the kernel heap, a fresh one per
// test, holds nothing. FakeMachine stands in for hal/user.hpp's user_space_* calls and
// records each "unmapped" range; FakeFile is a FileBacking whose byte at offset i is
// file_byte(i), counting reads and references. user_touch() does what the CPU and the
// kernel's fault path do for a user access: check the page's entry bits (read straight
// from the tables), and on a fault ask resolve_fault and retry.
#pragma once
#include "heap_fake_page_source.hpp"
#include "mm_raw_page_walk.hpp"
#include "mm_test_frames.hpp"

#include <mm/heap/kmalloc.hpp>
#include <mm/user_memory.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace user_memory_test {

using mm::FaultOutcome;
using mm::MapRequest;
using mm::PAGE_SIZE;
using mm::Protection;
using mm::UserMemory;
using mm::UserRegionInfo;
using mm::UserRegionKind;
using mm::VirtualAddress;

constexpr Protection NONE = Protection::None;
constexpr Protection R = Protection::Read;
constexpr Protection W = Protection::Write;
constexpr Protection X = Protection::Execute;
constexpr Protection RW = Protection::Read | Protection::Write;
constexpr uint64_t USER_END = 0x7fff'ffff'f000; // x86_64's
constexpr uint64_t MiB = 1024 * 1024;

class FakeMachine final : public mm::UserMachine {
public:
    bool create_space(hal::UserSpace& space, uint64_t root) override
    {
        if (refuse_create)
            return false;
        space.root = root;
        ++spaces;
        return true;
    }
    void destroy_space(hal::UserSpace& space) override
    {
        EXPECT_NE(space.root, 0u);
        space.root = 0;
        --spaces;
    }
    void unmapped(hal::UserSpace&, uintptr_t start, size_t length) override { flushes.push_back({ start, length }); }
    uintptr_t address_end() const override { return USER_END; }

    // Whether some reported range covers the page at `address`.
    bool flushed(VirtualAddress address) const
    {
        for (auto [start, length] : flushes) {
            if (address >= start && address - start < length)
                return true;
        }
        return false;
    }

    bool refuse_create = false;
    int spaces = 0;
    std::vector<std::pair<uintptr_t, size_t>> flushes;
};

inline uint8_t file_byte(uint64_t offset)
{
    return static_cast<uint8_t>(offset * 7 + offset / PAGE_SIZE + 1);
}

class FakeFile final : public mm::FileBacking {
public:
    explicit FakeFile(uint64_t size) : m_size(size) {}

    kstd::Result<void> read_page(uint64_t offset, void* page) override
    {
        EXPECT_EQ(offset % PAGE_SIZE, 0u);
        reads.push_back(offset);
        if (fail_reads)
            return kstd::Errno::IoError;
        auto* bytes = static_cast<uint8_t*>(page);
        for (uint64_t i = 0; i < PAGE_SIZE; ++i)
            bytes[i] = offset + i < m_size ? file_byte(offset + i) : 0;
        return {};
    }
    void retain() override { ++references; }
    void release() override
    {
        EXPECT_GT(references, 0);
        --references;
    }
    void describe(uint64_t& device, uint64_t& inode, kstd::StringView& path) const override
    {
        device = 1;
        inode = 42;
        path = "/bin/fake";
    }

    std::vector<uint64_t> reads;
    int references = 0;
    bool fail_reads = false;

private:
    uint64_t m_size;
};

enum class Access { Read, Write, Execute };

struct UserMemoryTest : ::testing::Test {
    UserMemoryTest()
    {
        heap_pages().fail_never();
        EXPECT_FALSE(mm::set_kernel_heap("slab", heap_pages(), 16 * MiB).is_error());
        EXPECT_FALSE(kernel.populate_kernel_half().is_error());
        baseline_frames = frames->allocated_frame_count();
    }

    void SetUp() override { memory = created(); }

    void TearDown() override
    {
        frames->stop_failing();
        heap_pages().fail_never();
        if (memory)
            UserMemory::destroy(memory);
        for (UserMemory* other : others)
            UserMemory::destroy(other);
        EXPECT_EQ(frames->allocated_frame_count(), baseline_frames) << "frames leaked";
        EXPECT_EQ(heap_bytes(), 0u) << "kernel heap leaked";
        EXPECT_EQ(machine.spaces, 0);
        kernel.destroy(*frames);
    }

    // The kernel heap is process-wide, so its pages must outlive every test.
    static heap_test::FakePageSource& heap_pages()
    {
        static heap_test::FakePageSource& pages = *new heap_test::FakePageSource;
        return pages;
    }
    static size_t heap_bytes() { return mm::kernel_heap().statistics().bytes_in_use; }

    UserMemory* created()
    {
        auto made = UserMemory::create(*frames, kernel, machine);
        EXPECT_FALSE(made.is_error());
        return made.is_error() ? nullptr : made.value();
    }

    VirtualAddress map(MapRequest request)
    {
        auto mapped = memory->map(request);
        EXPECT_FALSE(mapped.is_error()) << (mapped.is_error() ? mapped.error().name().data() : "");
        return mapped.is_error() ? 0 : mapped.value();
    }
    VirtualAddress map_fixed(VirtualAddress at, uint64_t length, Protection protection)
    {
        MapRequest request;
        request.hint = at;
        request.length = length;
        request.protection = protection;
        request.fixed = true;
        return map(request);
    }

    std::vector<UserRegionInfo> regions(UserMemory* of = nullptr) const
    {
        std::vector<UserRegionInfo> found;
        (of ? of : memory)->for_each_region([&](const UserRegionInfo& region) { found.push_back(region); });
        return found;
    }
    // "start-end:rwx:kind" for each region, e.g. "10000-12000:rw-:anon".
    std::string layout(UserMemory* of = nullptr) const;

    // The raw entry of `address` in `of`'s tables (0 when none).
    static uint64_t entry(UserMemory* of, VirtualAddress address)
    {
        auto leaf = mm_test::raw_leaf(of->root(), address);
        return leaf ? leaf->entry : 0;
    }
    static bool access_allowed(uint64_t raw, Access access);
    // A user access as the CPU makes it, with the kernel resolving faults.
    static FaultOutcome user_touch(UserMemory* of, VirtualAddress address, Access access);
    static uint8_t user_read(UserMemory* of, VirtualAddress address);
    static void user_write(UserMemory* of, VirtualAddress address, uint8_t value);
    static mm::PhysicalAddress frame_of(UserMemory* of, VirtualAddress address)
    {
        return entry(of, address) & mm_test::raw_bits::ADDRESS;
    }

    mm_test::SimRamBuddy frames;
    mm::PageTable kernel = mm::PageTable::create(*frames).release_value();
    uint64_t baseline_frames = 0;
    FakeMachine machine;
    UserMemory* memory = nullptr;
    std::vector<UserMemory*> others; // destroyed by TearDown
};

inline std::string UserMemoryTest::layout(UserMemory* of) const
{
    std::string text;
    for (const UserRegionInfo& region : regions(of)) {
        char line[96];
        const char* kinds[] = { "anon", "shared", "file", "heap", "stack" };
        snprintf(line, sizeof line, "%s%lx-%lx:%c%c%c:%s", text.empty() ? "" : " ", region.start, region.end,
                 mm::allows(region.protection, R) && region.protection != NONE ? 'r' : '-',
                 mm::allows(region.protection, W) && region.protection != NONE ? 'w' : '-',
                 mm::allows(region.protection, X) && region.protection != NONE ? 'x' : '-',
                 kinds[static_cast<int>(region.kind)]);
        text += line;
    }
    return text;
}

inline bool UserMemoryTest::access_allowed(uint64_t raw, Access access)
{
    using namespace mm_test::raw_bits;
    if (!(raw & PRESENT) || !(raw & USER))
        return false;
    if (access == Access::Write)
        return raw & WRITABLE;
    if (access == Access::Execute)
        return !(raw & NO_EXECUTE);
    return true;
}

inline FaultOutcome UserMemoryTest::user_touch(UserMemory* of, VirtualAddress address, Access access)
{
    for (int attempt = 0; attempt < 3; ++attempt) {
        uint64_t raw = entry(of, address);
        if (access_allowed(raw, access))
            return FaultOutcome::Resolved;
        hal::PageFaultAccess fault { access == Access::Write, access == Access::Execute, true,
                                     (raw & mm_test::raw_bits::PRESENT) != 0 };
        FaultOutcome outcome = of->resolve_fault(address, fault);
        if (outcome != FaultOutcome::Resolved)
            return outcome;
    }
    ADD_FAILURE() << "resolve_fault said Resolved, but the access still faults at " << std::hex << address;
    return FaultOutcome::NoRegion;
}

inline uint8_t UserMemoryTest::user_read(UserMemory* of, VirtualAddress address)
{
    EXPECT_EQ(user_touch(of, address, Access::Read), FaultOutcome::Resolved) << std::hex << address;
    uint64_t raw = entry(of, address);
    if (!(raw & mm_test::raw_bits::PRESENT))
        return 0xee;
    return static_cast<const uint8_t*>(hal::phys_to_virt(raw & mm_test::raw_bits::ADDRESS))[address % PAGE_SIZE];
}

inline void UserMemoryTest::user_write(UserMemory* of, VirtualAddress address, uint8_t value)
{
    ASSERT_EQ(user_touch(of, address, Access::Write), FaultOutcome::Resolved) << std::hex << address;
    uint64_t raw = entry(of, address);
    static_cast<uint8_t*>(hal::phys_to_virt(raw & mm_test::raw_bits::ADDRESS))[address % PAGE_SIZE] = value;
}

} // namespace user_memory_test
