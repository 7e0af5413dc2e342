// BuddyPageSource: the kernel's page path, on host memory, for the heap benchmarks.
//
// The kernel's PageSource is the buddy allocator seen through the direct map; here the
// "physical" addresses the buddy allocator hands out are simply addresses in one mmap'd
// host region, and page tags live in the buddy allocator's per-frame records, as in the
// kernel. So a heap measured on this source pays the same page and tag costs it would pay
// in Keel.
#pragma once
#include <mm/buddy_allocator.hpp>
#include <mm/heap/page_source.hpp>

#include <sys/mman.h>
#include <vector>

namespace bench {

class BuddyPageSource final : public mm::PageSource {
public:
    explicit BuddyPageSource(size_t bytes);
    ~BuddyPageSource();
    BuddyPageSource(const BuddyPageSource&) = delete;
    BuddyPageSource& operator=(const BuddyPageSource&) = delete;

    kstd::Result<void*> allocate_pages(unsigned order) override
    {
        mm::PhysicalAddress block = TRY(m_buddy.allocate_frames(order));
        return reinterpret_cast<void*>(block);
    }
    void free_pages(void* block, unsigned order) override
    {
        m_buddy.free_frames(reinterpret_cast<mm::PhysicalAddress>(block), order);
    }
    void set_page_tag(void* page, uintptr_t tag) override
    {
        m_buddy.set_tag(reinterpret_cast<mm::PhysicalAddress>(page), tag);
    }
    uintptr_t page_tag(const void* address) const override
    {
        return m_buddy.tag(reinterpret_cast<mm::PhysicalAddress>(address));
    }

private:
    void* m_mapping = nullptr;
    size_t m_mapping_bytes = 0;
    std::vector<uint64_t> m_metadata;
    mm::BuddyAllocator m_buddy;
};

inline BuddyPageSource::BuddyPageSource(size_t bytes)
{
    // Aligned to the largest buddy block, so every order is available.
    size_t alignment = mm::order_bytes(mm::BuddyAllocator::MAX_ORDER);
    m_mapping_bytes = bytes + alignment;
    m_mapping = mmap(nullptr, m_mapping_bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    auto base = mm::align_up(reinterpret_cast<uintptr_t>(m_mapping), alignment);
    uint64_t frames = bytes / mm::PAGE_SIZE;
    m_metadata.resize(mm::BuddyAllocator::metadata_bytes(frames) / sizeof(uint64_t) + 1);
    m_buddy.init(base, frames, m_metadata.data());
    m_buddy.add_free_range(base, frames * mm::PAGE_SIZE);
}

inline BuddyPageSource::~BuddyPageSource()
{
    munmap(m_mapping, m_mapping_bytes);
}

} // namespace bench
