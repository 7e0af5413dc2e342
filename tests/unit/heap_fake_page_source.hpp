// FakePageSource: a PageSource for heap tests, backed by the host heap.
//
// Every block is its own aligned_alloc() allocation, so ASan sees a heap that strays out
// of a block. The fake checks the PageSource contract the heaps rely on as it goes: a
// block is freed once, with the order it was allocated with, and with its tags cleared;
// tags are set only on pages of blocks it handed out. fail_after(n) lets n more requests
// succeed and refuses every later one (ENOMEM) until fail_never(), for failure injection.
// Blocks still held when the fake is destroyed are freed silently (a test that cares
// checks pages_held() first).
#pragma once
#include <gtest/gtest.h>

#include <mm/frames.hpp>
#include <mm/heap/page_source.hpp>

#include <cstdlib>
#include <map>
#include <optional>

namespace heap_test {

class FakePageSource final : public mm::PageSource {
public:
    FakePageSource() = default;
    FakePageSource(const FakePageSource&) = delete;
    FakePageSource& operator=(const FakePageSource&) = delete;
    ~FakePageSource()
    {
        for (auto& [block, order] : m_blocks)
            std::free(reinterpret_cast<void*>(block));
    }

    kstd::Result<void*> allocate_pages(unsigned order) override
    {
        if (m_successes_left) {
            if (*m_successes_left == 0) {
                ++m_refusals;
                return kstd::Errno::OutOfMemory;
            }
            --*m_successes_left;
        }
        size_t bytes = mm::order_bytes(order);
        void* block = std::aligned_alloc(bytes, bytes);
        if (!block)
            return kstd::Errno::OutOfMemory;
        m_blocks[reinterpret_cast<uintptr_t>(block)] = order;
        m_pages_held += size_t(1) << order;
        return block;
    }

    void free_pages(void* block, unsigned order) override
    {
        auto found = m_blocks.find(reinterpret_cast<uintptr_t>(block));
        if (found == m_blocks.end() || found->second != order) {
            ADD_FAILURE() << "free_pages(" << block << ", " << order << "): not a block of that order";
            return;
        }
        for (size_t page = 0; page < (size_t(1) << order); ++page) {
            if (m_tags.count(found->first + page * mm::PAGE_SIZE))
                ADD_FAILURE() << "free_pages(" << block << "): page " << page << " is still tagged";
        }
        std::free(block);
        m_blocks.erase(found);
        m_pages_held -= size_t(1) << order;
    }

    void set_page_tag(void* page, uintptr_t tag) override
    {
        auto address = reinterpret_cast<uintptr_t>(page);
        if (!mm::is_aligned(address, mm::PAGE_SIZE) || !holds(address)) {
            ADD_FAILURE() << "set_page_tag(" << page << "): not a page of a block handed out";
            return;
        }
        if (tag == 0)
            m_tags.erase(address);
        else
            m_tags[address] = tag;
    }

    uintptr_t page_tag(const void* address) const override
    {
        auto found = m_tags.find(mm::align_down(reinterpret_cast<uintptr_t>(address), mm::PAGE_SIZE));
        return found == m_tags.end() ? 0 : found->second;
    }

    void fail_after(size_t successes) { m_successes_left = successes; }
    void fail_never() { m_successes_left.reset(); }

    size_t pages_held() const { return m_pages_held; }
    size_t tagged_pages() const { return m_tags.size(); }
    size_t refusals() const { return m_refusals; }

private:
    bool holds(uintptr_t address) const
    {
        auto after = m_blocks.upper_bound(address);
        if (after == m_blocks.begin())
            return false;
        auto block = std::prev(after);
        return address < block->first + mm::order_bytes(block->second);
    }

    std::map<uintptr_t, unsigned> m_blocks; // address -> order
    std::map<uintptr_t, uintptr_t> m_tags; // page -> tag
    size_t m_pages_held = 0;
    size_t m_refusals = 0;
    std::optional<size_t> m_successes_left;
};

} // namespace heap_test
