// The bookkeeping every heap shares: request checks and the counters behind statistics().
#include <mm/heap/heap.hpp>

namespace mm {

namespace {
bool is_valid_request(size_t bytes, size_t alignment)
{
    bool power_of_two = alignment != 0 && (alignment & (alignment - 1)) == 0;
    return power_of_two && alignment <= PAGE_SIZE && bytes <= MAX_ALLOCATION_BYTES;
}
} // namespace

void* Heap::allocate(size_t bytes, size_t alignment)
{
    void* pointer = is_valid_request(bytes, alignment) ? allocate_block(bytes, alignment) : nullptr;
    if (!pointer) {
        ++m_failures;
        return nullptr;
    }
    ++m_allocations;
    m_bytes_in_use += bytes;
    if (m_bytes_in_use > m_peak_bytes_in_use)
        m_peak_bytes_in_use = m_bytes_in_use;
    return pointer;
}

void Heap::free(void* pointer)
{
    if (!pointer)
        return;
    m_bytes_in_use -= free_block(pointer);
    ++m_frees;
}

HeapStatistics Heap::statistics() const
{
    HeapStatistics statistics;
    statistics.bytes_in_use = m_bytes_in_use;
    statistics.peak_bytes_in_use = m_peak_bytes_in_use;
    statistics.pages_held = pages_held();
    statistics.allocations = m_allocations;
    statistics.frees = m_frees;
    statistics.failures = m_failures;
    add_size_classes(statistics);
    return statistics;
}

} // namespace mm
