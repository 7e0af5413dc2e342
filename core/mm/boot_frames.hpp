// BootFrames: the frame allocator of the first moments of mm::init, before the buddy
// allocator exists (what Linux calls memblock).
//
// It bumps through the usable RAM ranges the HAL reports, handing out only memory that
// phys_to_virt already reaches (on x86_64 the boot mapping covers just the first GiB), and
// never takes anything back. Its customers are the buddy allocator's metadata and the
// kernel's first page tables; hand_over() then gives every frame it did not hand out to
// the buddy allocator, and the ones it did stay reserved for good.
#pragma once
#include <kstd/fixed_vector.hpp>
#include <mm/frames.hpp>

namespace mm {

class BuddyAllocator;

class BootFrames final : public FrameSource {
public:
    // Reads hal::usable_memory_range*; VERIFY-fails if the HAL reports no RAM at all.
    void init();

    // Contiguous whole pages for `length` bytes, zeroed; ENOMEM when no reachable range has
    // room.
    kstd::Result<PhysicalAddress> allocate_bytes(uint64_t length);
    kstd::Result<PhysicalAddress> allocate_frames(unsigned order) override;
    // Boot allocations are permanent: giving one back is a bug.
    void free_frames(PhysicalAddress block, unsigned order) override;
    // Boot frames are never shared: these three panic.
    void retain_frame(PhysicalAddress frame) override;
    void release_frame(PhysicalAddress frame) override;
    uint32_t frame_references(PhysicalAddress frame) const override;

    // The span of physical addresses the usable ranges cover, holes included.
    PhysicalAddress lowest_address() const;
    PhysicalAddress end_address() const;
    uint64_t taken_frames() const { return m_taken_frames; }

    // Gives every frame not handed out to `buddy`; no allocations afterwards.
    void hand_over(BuddyAllocator& buddy);

private:
    struct Range {
        PhysicalAddress start;
        PhysicalAddress next; // the first frame not handed out
        PhysicalAddress end;
    };
    kstd::Result<PhysicalAddress> take(uint64_t length, uint64_t alignment);

    static constexpr size_t MAX_RANGES = 64;
    kstd::FixedVector<Range, MAX_RANGES> m_ranges;
    uint64_t m_taken_frames = 0;
    bool m_handed_over = false;
};

} // namespace mm
