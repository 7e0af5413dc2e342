// BootFrames: bump allocation over the usable RAM ranges (see boot_frames.hpp).
#include <hal/memory.hpp>
#include <kstd/panic.hpp>
#include <mm/boot_frames.hpp>
#include <mm/buddy_allocator.hpp>

namespace mm {

void BootFrames::init()
{
    size_t count = hal::usable_memory_range_count();
    for (size_t index = 0; index < count; ++index) {
        hal::MemoryRange range = hal::usable_memory_range(index);
        PhysicalAddress start = align_up(range.base, PAGE_SIZE);
        PhysicalAddress end = align_down(range.base + range.length, PAGE_SIZE);
        if (start < end && !m_ranges.try_append({ start, start, end }))
            break;
    }
    VERIFY(!m_ranges.is_empty());
}

kstd::Result<PhysicalAddress> BootFrames::take(uint64_t length, uint64_t alignment)
{
    VERIFY(!m_handed_over);
    uint64_t reachable_end = hal::reachable_physical_end();
    for (Range& range : m_ranges) {
        PhysicalAddress start = align_up(range.next, alignment);
        PhysicalAddress end = range.end < reachable_end ? range.end : reachable_end;
        if (start >= end || end - start < length)
            continue;
        range.next = start + length;
        m_taken_frames += length / PAGE_SIZE;
        __builtin_memset(hal::phys_to_virt(start), 0, length);
        return start;
    }
    return kstd::Errno::OutOfMemory;
}

kstd::Result<PhysicalAddress> BootFrames::allocate_bytes(uint64_t length)
{
    return take(align_up(length, PAGE_SIZE), PAGE_SIZE);
}

kstd::Result<PhysicalAddress> BootFrames::allocate_frames(unsigned order)
{
    return take(order_bytes(order), order_bytes(order));
}

void BootFrames::free_frames(PhysicalAddress block, unsigned order)
{
    PANIC("boot frames are never given back ({:#x}, order {})", block, order);
}

void BootFrames::retain_frame(PhysicalAddress frame)
{
    PANIC("boot frames are not shared ({:#x})", frame);
}

void BootFrames::release_frame(PhysicalAddress frame)
{
    PANIC("boot frames are never given back ({:#x})", frame);
}

uint32_t BootFrames::frame_references(PhysicalAddress frame) const
{
    PANIC("boot frames are not counted ({:#x})", frame);
}

PhysicalAddress BootFrames::lowest_address() const
{
    PhysicalAddress lowest = m_ranges[0].start;
    for (const Range& range : m_ranges)
        lowest = range.start < lowest ? range.start : lowest;
    return lowest;
}

PhysicalAddress BootFrames::end_address() const
{
    PhysicalAddress end = 0;
    for (const Range& range : m_ranges)
        end = range.end > end ? range.end : end;
    return end;
}

void BootFrames::hand_over(BuddyAllocator& buddy)
{
    VERIFY(!m_handed_over);
    m_handed_over = true;
    for (const Range& range : m_ranges)
        if (range.next < range.end)
            buddy.add_free_range(range.next, range.end - range.next);
}

} // namespace mm
