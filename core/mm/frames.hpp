// Physical memory vocabulary shared by the memory subsystem: addresses, page sizes, and
// FrameSource, the interface through which page tables and heaps get physical frames.
//
// A frame is one 4 KiB page of physical memory. Allocations come in power-of-two blocks:
// a block of order k is 2^k contiguous frames aligned to its own size (the buddy
// allocator's unit). Single frames also carry a reference count, so user pages can be
// shared between address spaces and freed with their last mapping. The kernel's FrameSource is the buddy allocator (buddy_allocator.hpp);
// host tests plug in fakes that count, or that fail on demand.
#pragma once
#include <kstd/align.hpp>
#include <kstd/result.hpp>
#include <stddef.h>
#include <stdint.h>

namespace mm {

using PhysicalAddress = uint64_t;
using VirtualAddress = uint64_t;

inline constexpr size_t PAGE_SIZE = 4096;
inline constexpr size_t PAGE_SHIFT = 12;
inline constexpr size_t LARGE_PAGE_SIZE = 2 * 1024 * 1024;

using kstd::align_down;
using kstd::align_up;
using kstd::is_aligned;

constexpr size_t order_bytes(unsigned order)
{
    return PAGE_SIZE << order;
}

class FrameSource {
public:
    // 2^order contiguous frames aligned to their size; ENOMEM when there are none. The
    // contents are undefined.
    virtual kstd::Result<PhysicalAddress> allocate_frames(unsigned order) = 0;
    // Gives back a block from allocate_frames with the same order.
    virtual void free_frames(PhysicalAddress block, unsigned order) = 0;

    // Reference counts of single frames (order 0) that several mappings share: user pages
    // after fork (copy on write) and shared anonymous memory (Linux's page refcount). A
    // frame fresh from allocate_frames(0) holds one reference; retain_frame adds one;
    // release_frame drops one and frees the frame with the last. free_frames is for frames
    // nobody shares (one reference).
    virtual void retain_frame(PhysicalAddress frame) = 0;
    virtual void release_frame(PhysicalAddress frame) = 0;
    // The count of an allocated order-0 frame (1 when nobody shares it).
    virtual uint32_t frame_references(PhysicalAddress frame) const = 0;

protected:
    ~FrameSource() = default;
};

} // namespace mm
