// BoundedPageSource: a heap's window onto a PageSource, with a cap and a count.
//
// Every heap takes its pages through one of these. It forwards to the real source but
// refuses (ENOMEM) a request that would take the heap past its byte limit, and it counts
// the pages the heap holds, which is where HeapStatistics::pages_held comes from. The
// limit is what makes the bump allocator's arena finite and out-of-memory testable.
#pragma once
#include <mm/frames.hpp>
#include <mm/heap/page_source.hpp>

namespace mm {

class BoundedPageSource final : public PageSource {
public:
    BoundedPageSource(PageSource& backing, size_t limit_bytes)
        : m_backing(backing), m_limit_bytes(limit_bytes) {}

    kstd::Result<void*> allocate_pages(unsigned order) override;
    void free_pages(void* block, unsigned order) override;
    void set_page_tag(void* page, uintptr_t tag) override { m_backing.set_page_tag(page, tag); }
    uintptr_t page_tag(const void* address) const override { return m_backing.page_tag(address); }

    size_t pages_held() const { return m_pages_held; }
    size_t limit_bytes() const { return m_limit_bytes; }

private:
    PageSource& m_backing;
    size_t m_limit_bytes;
    size_t m_pages_held = 0;
};

} // namespace mm
