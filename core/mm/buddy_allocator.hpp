// BuddyAllocator: the kernel's physical frame allocator.
//
// It hands out blocks of 2^order contiguous 4 KiB frames, aligned to their size, for
// orders 0..MAX_ORDER (4 KiB .. 4 MiB). A free block of order k is split in halves until
// the wanted order is reached; a freed block is merged with its buddy (the other half of
// the block of order k + 1 it came from) for as long as that buddy is free too. Both walk
// at most MAX_ORDER levels.
//
// What the allocator knows about a frame lives out of band, in one small record per frame
// in an array the caller provides (metadata_bytes() tells how big): the frames themselves
// are never read or written, so they need not even be mapped (the sim commits its RAM
// lazily; unit tests manage "physical memory" that does not exist). The records cover one
// span [base, base + frame_count * 4 KiB) in which every frame starts out reserved; the
// boot code hands over the usable parts with add_free_range(), so a hole in the physical
// address space costs only its records.
//
// Each frame also carries a tag word for the kernel heaps (like the slab pointer in
// Linux's struct page): set_tag()/tag() on frames of an allocated block, cleared on free.
//
// Each allocated order-0 frame also has a reference count (FrameSource::retain_frame):
// 1 when allocated, freed when release_frame takes it to 0; freeing a frame that is still
// shared panics.
//
// Not thread-safe: the caller serializes every call (the kernel holds a lock around it).
#pragma once
#include <kstd/optional.hpp>
#include <mm/frames.hpp>

namespace mm {

class BuddyAllocator final : public FrameSource {
public:
    static constexpr unsigned MAX_ORDER = 10;

    // Bytes of metadata (8-byte aligned) that init() needs for `frame_count` frames.
    static size_t metadata_bytes(uint64_t frame_count);

    // Manages the frames of [base, base + frame_count * PAGE_SIZE), all reserved for now.
    // `base` is page-aligned; `metadata` holds metadata_bytes(frame_count) bytes and
    // belongs to the allocator from now on.
    void init(PhysicalAddress base, uint64_t frame_count, void* metadata);
    // Makes the page-aligned range [start, start + length), reserved until now and inside
    // the managed span, free for allocation.
    void add_free_range(PhysicalAddress start, uint64_t length);

    // ENOMEM when no free block is big enough, EINVAL when order > MAX_ORDER.
    kstd::Result<PhysicalAddress> allocate_frames(unsigned order) override;
    // Panics unless `block` is the start of an allocated block of exactly this order.
    void free_frames(PhysicalAddress block, unsigned order) override;

    // Order-0 frames only; VERIFY-fail on anything else, or on a count overflow.
    void retain_frame(PhysicalAddress frame) override;
    void release_frame(PhysicalAddress frame) override;
    uint32_t frame_references(PhysicalAddress frame) const override;

    uint64_t free_block_count(unsigned order) const;
    uint64_t free_frame_count() const { return m_free_frames; }
    uint64_t allocated_frame_count() const { return m_allocated_frames; }
    // Frames handed over by add_free_range(): free plus allocated (holes do not count).
    uint64_t managed_frame_count() const { return m_free_frames + m_allocated_frames; }
    // Whether `address` lies in the span given to init(), holes included.
    bool contains(PhysicalAddress address) const;

    // Tags the frame containing `frame`, which must belong to an allocated block.
    void set_tag(PhysicalAddress frame, uintptr_t tag);
    // The tag of the frame containing `frame`; 0 when it is outside the span, not
    // allocated, or untagged.
    uintptr_t tag(PhysicalAddress frame) const;

    // Failure injection for tests: after `successful_allocations` more allocations
    // succeed, the next one fails with ENOMEM (once).
    void fail_after(uint64_t successful_allocations) { m_successes_before_failure = successful_allocations; }
    void stop_failing() { m_successes_before_failure.reset(); }

private:
    struct FrameInfo;
    using FrameNumber = uint64_t; // physical address / PAGE_SIZE

    FrameInfo& info(FrameNumber frame) const;
    bool in_span(FrameNumber frame) const;
    kstd::Optional<FrameNumber> block_containing(FrameNumber frame) const;
    bool take_injected_failure();
    FrameInfo& single_frame(PhysicalAddress frame) const;

    void push_free(FrameNumber head, unsigned order);
    void unlink_free(FrameNumber head, unsigned order);
    // Frees the block at `head` (whose frames are not free yet), merging it with its
    // buddies as far as they are free.
    void release_block(FrameNumber head, unsigned order);
    [[noreturn]] void panic_on_bad_free(PhysicalAddress block, unsigned order) const;

    FrameInfo* m_frames = nullptr;
    FrameNumber m_first_frame = 0;
    uint64_t m_frame_count = 0;
    uint32_t m_free_heads[MAX_ORDER + 1] = {};
    uint64_t m_free_blocks[MAX_ORDER + 1] = {};
    uint64_t m_free_frames = 0;
    uint64_t m_allocated_frames = 0;
    kstd::Optional<uint64_t> m_successes_before_failure;
};

} // namespace mm
