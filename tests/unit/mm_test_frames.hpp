// Physical memory for the memory-manager unit tests.
//
// TestBuddy is a BuddyAllocator whose per-frame metadata lives in a host vector. Over a
// made-up span it manages "physical memory" that exists nowhere (the allocator never
// touches its frames); SimRamBuddy is one that owns all of the sim's RAM, for code
// such as the page tables that writes into the frames it gets (through hal::phys_to_virt).
// error_of() reads the errno out of a failed Result.
#pragma once
#include <hal/memory.hpp>
#include <mm/buddy_allocator.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace mm_test {

class TestBuddy {
public:
    TestBuddy(mm::PhysicalAddress base, uint64_t frame_count)
        : m_metadata(mm::align_up(mm::BuddyAllocator::metadata_bytes(frame_count), 8) / 8)
    {
        m_buddy.init(base, frame_count, m_metadata.data());
    }

    TestBuddy(const TestBuddy&) = delete;
    TestBuddy& operator=(const TestBuddy&) = delete;

    mm::BuddyAllocator& operator*() { return m_buddy; }
    mm::BuddyAllocator* operator->() { return &m_buddy; }

private:
    std::vector<uint64_t> m_metadata; // 8-byte aligned, as init() wants
    mm::BuddyAllocator m_buddy;
};

class SimRamBuddy : public TestBuddy {
public:
    SimRamBuddy() : TestBuddy(ram().base, ram().length / mm::PAGE_SIZE)
    {
        (*this)->add_free_range(ram().base, ram().length);
    }

    static hal::MemoryRange ram() { return hal::usable_memory_range(0); }
};

template<typename T>
kstd::Errno error_of(const kstd::Result<T>& result)
{
    EXPECT_TRUE(result.is_error());
    return result.is_error() ? result.error().code() : kstd::Errno {};
}

} // namespace mm_test
