// kstd::sort: sorts a span in place by a "less than" function, in O(n log n) time.
//
//     kstd::sort(Span<Entry>(entries, count), [](const Entry& a, const Entry& b) { ... });
//
// A heap sort: no extra memory and no recursion, so it is safe on a small kernel stack
// whatever the input. It is not stable (equal items may change order).
#pragma once
#include <kstd/span.hpp>
#include <utility>

namespace kstd {

template<typename T, typename Less>
void sort(Span<T> items, Less less)
{
    T* data = items.data();
    size_t count = items.size();
    // Moves data[root] down the max-heap data[0 .. end) until its children are no greater.
    auto sift_down = [&](size_t root, size_t end) {
        for (;;) {
            size_t child = 2 * root + 1;
            if (child >= end)
                return;
            if (child + 1 < end && less(data[child], data[child + 1]))
                ++child;
            if (!less(data[root], data[child]))
                return;
            std::swap(data[root], data[child]);
            root = child;
        }
    };
    for (size_t start = count / 2; start-- > 0;)
        sift_down(start, count);
    for (size_t end = count; end > 1; --end) {
        std::swap(data[0], data[end - 1]);
        sift_down(0, end - 1);
    }
}

} // namespace kstd
