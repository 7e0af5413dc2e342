// PageSource: where a kernel heap gets its memory from, in whole pages.
//
// A heap asks for blocks of 2^order pages (aligned to their size) by kernel virtual
// address, and may keep one word of metadata per page it holds (a "page tag", like the
// slab pointer in Linux's struct page) so that kfree(pointer) can find out which slab or
// large allocation a pointer belongs to. page_tag() of a page the source never handed out,
// or of an address that is not RAM at all, is 0: that is how a heap recognises a pointer
// it did not hand out.
//
// The kernel's PageSource is the buddy allocator seen through the direct map
// (mm/kernel_pages.hpp); host tests and benchmarks use fakes backed by the host heap.
#pragma once
#include <kstd/result.hpp>
#include <stddef.h>
#include <stdint.h>

namespace mm {

class PageSource {
public:
    virtual kstd::Result<void*> allocate_pages(unsigned order) = 0;
    virtual void free_pages(void* block, unsigned order) = 0;
    // Tags one page (page-aligned address inside a block this source handed out).
    virtual void set_page_tag(void* page, uintptr_t tag) = 0;
    // The tag of the page containing `address`; 0 when untagged or not from this source.
    virtual uintptr_t page_tag(const void* address) const = 0;

protected:
    ~PageSource() = default;
};

} // namespace mm
