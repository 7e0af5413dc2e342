// The kernel's buddy allocator as the two interfaces the rest of mm consumes:
//   KernelFrames: a FrameSource (physical frames, for page tables and address spaces);
//   KernelPages:  a PageSource (the same frames through the direct map, with page tags,
//                 for the kernel heaps).
// Both take the interrupt guard around each call, which is what makes the buddy allocator
// (which has no lock of its own) safe to use from interrupt handlers.
#pragma once
#include <mm/buddy_allocator.hpp>
#include <mm/heap/page_source.hpp>

namespace mm {

class KernelFrames final : public FrameSource {
public:
    explicit KernelFrames(BuddyAllocator& buddy) : m_buddy(buddy) {}
    kstd::Result<PhysicalAddress> allocate_frames(unsigned order) override;
    void free_frames(PhysicalAddress block, unsigned order) override;
    void retain_frame(PhysicalAddress frame) override;
    void release_frame(PhysicalAddress frame) override;
    uint32_t frame_references(PhysicalAddress frame) const override;

private:
    BuddyAllocator& m_buddy;
};

class KernelPages final : public PageSource {
public:
    explicit KernelPages(BuddyAllocator& buddy) : m_buddy(buddy) {}
    kstd::Result<void*> allocate_pages(unsigned order) override;
    void free_pages(void* block, unsigned order) override;
    void set_page_tag(void* page, uintptr_t tag) override;
    uintptr_t page_tag(const void* address) const override;

private:
    BuddyAllocator& m_buddy;
};

} // namespace mm
