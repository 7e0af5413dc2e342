// Heap: collecting the statistics (the counting itself is inline in heap.hpp).
#include <mm/heap/heap.hpp>

namespace mm {

HeapStatistics Heap::statistics() const
{
    HeapStatistics statistics;
    statistics.bytes_in_use = m_bytes_in_use;
    statistics.peak_bytes_in_use = m_peak_bytes_in_use;
    statistics.pages_held = m_pages.pages_held();
    statistics.allocations = m_allocations;
    statistics.frees = m_frees;
    statistics.failures = m_failures;
    add_size_classes(statistics);
    return statistics;
}

} // namespace mm
