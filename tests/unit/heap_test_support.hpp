// Helpers shared by the heap tests: a heap of any kind on its own fake page source, a
// reference model of what should be live, and a death-test macro that checks the panic
// message.
#pragma once
#include "heap_fake_page_source.hpp"
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>
#include <sim_machine.hpp>

#include <mm/heap/heap_holder.hpp>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

namespace heap_test {

inline constexpr size_t TEST_LIMIT_BYTES = 256 * 1024 * 1024;

// Every heap kind's name, for parameterised tests.
inline std::vector<std::string> all_heap_kinds()
{
    std::vector<std::string> kinds;
    for (kstd::StringView name : mm::heap_kind_names())
        kinds.emplace_back(name.data(), name.size());
    return kinds;
}

// Names the instances of a test parameterised by heap kind after the kind.
inline std::string heap_kind_test_name(const ::testing::TestParamInfo<std::string>& kind)
{
    return kind.param;
}

// A heap of one kind and the fake source it draws from. Destroying it destroys the heap
// first, so the source can check that everything came back.
struct TestHeap {
    explicit TestHeap(const std::string& kind, size_t limit_bytes = TEST_LIMIT_BYTES)
    {
        auto made = holder.emplace(kstd::StringView(kind.data(), kind.size()), source, limit_bytes);
        EXPECT_FALSE(made.is_error()) << kind;
        heap = made.is_error() ? nullptr : made.value();
    }

    FakePageSource source;
    mm::HeapHolder holder;
    mm::Heap* heap;
};

// What a correct heap has handed out: live pointers with their size and the byte pattern
// the test filled them with.
class ReferenceModel {
public:
    // Checks a fresh allocation (alignment, no overlap with a live one) and fills it.
    void allocated(void* pointer, size_t bytes, size_t alignment, uint8_t pattern)
    {
        auto address = reinterpret_cast<uintptr_t>(pointer);
        ASSERT_NE(pointer, nullptr);
        EXPECT_EQ(address % alignment, 0u) << bytes << " bytes aligned to " << alignment;
        size_t extent = bytes ? bytes : 1;
        auto next = m_live.lower_bound(address);
        if (next != m_live.end()) {
            EXPECT_LE(address + extent, next->first) << "overlaps the allocation after it";
        }
        if (next != m_live.begin()) {
            auto previous = std::prev(next);
            EXPECT_LE(previous->first + std::max<size_t>(previous->second.bytes, 1), address)
                << "overlaps the allocation before it";
        }
        std::memset(pointer, pattern, bytes);
        m_live[address] = { bytes, pattern };
        m_bytes_in_use += bytes;
        m_peak_bytes_in_use = std::max(m_peak_bytes_in_use, m_bytes_in_use);
    }

    // Checks that a live allocation still holds its pattern, and forgets it.
    void freeing(void* pointer)
    {
        auto found = m_live.find(reinterpret_cast<uintptr_t>(pointer));
        ASSERT_NE(found, m_live.end());
        const auto* bytes = static_cast<const uint8_t*>(pointer);
        for (size_t index = 0; index < found->second.bytes; ++index) {
            if (bytes[index] != found->second.pattern) {
                ADD_FAILURE() << "byte " << index << " of " << pointer << " changed";
                break;
            }
        }
        m_bytes_in_use -= found->second.bytes;
        m_live.erase(found);
    }

    size_t live_count() const { return m_live.size(); }
    size_t bytes_in_use() const { return m_bytes_in_use; }
    size_t peak_bytes_in_use() const { return m_peak_bytes_in_use; }
    // The address of the index-th live allocation in address order.
    void* live_pointer(size_t index) const { return reinterpret_cast<void*>(std::next(m_live.begin(), index)->first); }

private:
    struct Live {
        size_t bytes;
        uint8_t pattern;
    };
    std::map<uintptr_t, Live> m_live;
    size_t m_bytes_in_use = 0;
    size_t m_peak_bytes_in_use = 0;
};

} // namespace heap_test
