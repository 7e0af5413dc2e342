// kstd::FixedVector<T, N>: an array of up to N items stored inline, filled from the front.
//
//     FixedVector<MemoryRange, 32> ranges;
//     if (!ranges.try_append(range)) return Error::from_errno(Errno::OutOfMemory);
//
// For tables whose size has a known bound (memory ranges, open files, shell arguments),
// before and without the heap. Items are constructed when appended and destroyed when
// removed; indexing past size() is a bug and VERIFY-fails.
#pragma once
#include <kstd/verify.hpp>
#include <new>
#include <stddef.h>
#include <utility>

namespace kstd {

template<typename T, size_t N>
class FixedVector {
public:
    FixedVector() {}
    FixedVector(const FixedVector&) = delete;
    FixedVector& operator=(const FixedVector&) = delete;
    ~FixedVector() { clear(); }

    size_t size() const { return m_size; }
    static constexpr size_t capacity() { return N; }
    bool is_empty() const { return m_size == 0; }
    bool is_full() const { return m_size == N; }

    T& operator[](size_t index)
    {
        VERIFY(index < m_size);
        return m_items[index];
    }
    const T& operator[](size_t index) const
    {
        VERIFY(index < m_size);
        return m_items[index];
    }

    T* begin() { return m_items; }
    T* end() { return m_items + m_size; }
    const T* begin() const { return m_items; }
    const T* end() const { return m_items + m_size; }

    // Appends at the end; false (and nothing changes) when full.
    [[nodiscard]] bool try_append(const T& item) { return try_emplace(item); }
    [[nodiscard]] bool try_append(T&& item) { return try_emplace(std::move(item)); }

    // Removes the item at `index`; the items after it move down by one.
    void remove_at(size_t index)
    {
        VERIFY(index < m_size);
        for (size_t i = index; i + 1 < m_size; ++i)
            m_items[i] = std::move(m_items[i + 1]);
        m_items[--m_size].~T();
    }

    void clear()
    {
        while (m_size > 0)
            m_items[--m_size].~T();
    }

private:
    template<typename Item>
    bool try_emplace(Item&& item)
    {
        if (is_full())
            return false;
        new (&m_items[m_size]) T(std::forward<Item>(item));
        ++m_size;
        return true;
    }

    union {
        T m_items[N];
    };
    size_t m_size = 0;
};

} // namespace kstd
