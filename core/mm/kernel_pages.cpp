// KernelFrames and KernelPages: the buddy allocator behind an interrupt guard (see
// kernel_pages.hpp).
#include <hal/memory.hpp>
#include <kstd/panic.hpp>
#include <mm/kernel_pages.hpp>
#include <sync/interrupt_guard.hpp>

namespace mm {
namespace {

PhysicalAddress physical_of(const void* address)
{
    uint64_t physical = 0;
    if (!hal::virt_to_phys(address, physical))
        PANIC("mm: {} is not a direct-map address", address);
    return physical;
}

} // namespace

kstd::Result<PhysicalAddress> KernelFrames::allocate_frames(unsigned order)
{
    ksync::InterruptGuard guard;
    return m_buddy.allocate_frames(order);
}

void KernelFrames::free_frames(PhysicalAddress block, unsigned order)
{
    ksync::InterruptGuard guard;
    m_buddy.free_frames(block, order);
}

void KernelFrames::retain_frame(PhysicalAddress frame)
{
    ksync::InterruptGuard guard;
    m_buddy.retain_frame(frame);
}

void KernelFrames::release_frame(PhysicalAddress frame)
{
    ksync::InterruptGuard guard;
    m_buddy.release_frame(frame);
}

uint32_t KernelFrames::frame_references(PhysicalAddress frame) const
{
    ksync::InterruptGuard guard;
    return m_buddy.frame_references(frame);
}

kstd::Result<void*> KernelPages::allocate_pages(unsigned order)
{
    ksync::InterruptGuard guard;
    PhysicalAddress block = TRY(m_buddy.allocate_frames(order));
    return hal::phys_to_virt(block);
}

void KernelPages::free_pages(void* block, unsigned order)
{
    ksync::InterruptGuard guard;
    m_buddy.free_frames(physical_of(block), order);
}

void KernelPages::set_page_tag(void* page, uintptr_t tag)
{
    ksync::InterruptGuard guard;
    m_buddy.set_tag(physical_of(page), tag);
}

// No guard: a tag is one aligned word, read whole, and every kfree asks for one.
uintptr_t KernelPages::page_tag(const void* address) const
{
    uint64_t physical = 0;
    if (!hal::virt_to_phys(address, physical))
        return 0;
    return m_buddy.tag(align_down(physical, PAGE_SIZE));
}

} // namespace mm
