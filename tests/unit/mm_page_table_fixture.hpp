// PageTableTest: a fixture for the page-table tests, and the addresses they map.
//
// Each test gets an empty PageTable whose frames come from a buddy allocator over the
// sim's RAM; TearDown destroys it and checks that every table frame went back.
// spread_addresses() picks addresses over both halves, physical_for() distinct targets.
#pragma once
#include "mm_raw_page_walk.hpp"
#include "mm_test_frames.hpp"

#include <mm/page_table.hpp>

#include <algorithm>
#include <random>
#include <vector>

namespace mm_test {

using mm::LARGE_PAGE_SIZE;
using mm::Mapping;
using mm::PAGE_SIZE;
using mm::PageSize;
using mm::PageTable;
using mm::PhysicalAddress;
using mm::Protection;
using mm::VirtualAddress;

constexpr Protection READ = Protection::Read;
constexpr Protection READ_WRITE = Protection::Read | Protection::Write;
constexpr VirtualAddress KERNEL_HALF = 0xffff'8000'0000'0000;

inline PageTable created(mm::FrameSource& frames)
{
    auto table = PageTable::create(frames);
    EXPECT_FALSE(table.is_error());
    return table.release_value();
}

// Page-aligned addresses all over both halves: the edges of each half and of the tables,
// and random ones.
inline std::vector<VirtualAddress> spread_addresses(uint64_t alignment)
{
    std::vector<VirtualAddress> addresses = {
        0, alignment, 0x3fe0'0000, 0x4000'0000, 0x7f'ffe0'0000, 0x80'0000'0000, 0x7fff'ffe0'0000,
        KERNEL_HALF, KERNEL_HALF + LARGE_PAGE_SIZE, 0xffff'c000'1240'0000, 0xffff'ffff'8000'0000,
        0xffff'ffff'ffe0'0000,
    };
    std::mt19937_64 random(7);
    for (int i = 0; i < 40; ++i) {
        VirtualAddress address = mm::align_down(random() & 0x7fff'ffff'ffff, alignment);
        addresses.push_back(i % 2 ? address : address | KERNEL_HALF);
    }
    std::sort(addresses.begin(), addresses.end());
    addresses.erase(std::unique(addresses.begin(), addresses.end()), addresses.end());
    return addresses;
}

// A distinct physical address for each index, using the high bits too.
inline PhysicalAddress physical_for(size_t index, uint64_t alignment)
{
    return mm::align_down((index * 0x9e37'79b9'7f4a'7c15) & 0x000f'ffff'ffff'f000, alignment);
}

struct PageTableTest : ::testing::Test {
    void TearDown() override
    {
        table.destroy(*frames);
        EXPECT_EQ(frames->allocated_frame_count(), 0u) << "table frames leaked";
    }

    std::vector<Mapping> mappings() const
    {
        std::vector<Mapping> found;
        table.for_each_mapping([&](const Mapping& mapping) { found.push_back(mapping); });
        return found;
    }

    void expect_round_trips(PageSize size)
    {
        uint64_t bytes = mm::page_size_bytes(size);
        std::vector<VirtualAddress> addresses = spread_addresses(bytes);
        for (size_t i = 0; i < addresses.size(); ++i)
            ASSERT_FALSE(table.map(addresses[i], physical_for(i, bytes), size, READ_WRITE).is_error());
        for (size_t i = 0; i < addresses.size(); ++i) {
            VirtualAddress inside = addresses[i] + bytes - 8;
            auto translation = table.translate(inside);
            ASSERT_TRUE(translation) << std::hex << inside;
            EXPECT_EQ(translation.value().physical, physical_for(i, bytes) + bytes - 8);
            EXPECT_EQ(translation.value().size, size);
            EXPECT_EQ(translation.value().protection, READ_WRITE);
            auto leaf = raw_leaf(table.root(), inside);
            ASSERT_TRUE(leaf);
            EXPECT_EQ(leaf->level, size == PageSize::Small ? 1 : 2);
            EXPECT_EQ(leaf->entry & raw_bits::ADDRESS, physical_for(i, bytes));
        }
        EXPECT_EQ(mappings().size(), addresses.size());
        for (size_t i = 0; i < addresses.size(); ++i) {
            auto unmapped = table.unmap(addresses[i], size);
            ASSERT_FALSE(unmapped.is_error());
            EXPECT_EQ(unmapped.value(), physical_for(i, bytes));
            EXPECT_FALSE(table.translate(addresses[i]));
        }
        EXPECT_TRUE(mappings().empty());
    }

    mm_test::SimRamBuddy frames;
    PageTable table = created(*frames);
};

} // namespace mm_test
