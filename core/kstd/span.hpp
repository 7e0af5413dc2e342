// kstd::Span<T>: a non-owning (pointer, count) view of an array, bounds-checked on index.
#pragma once
#include <kstd/verify.hpp>
#include <stddef.h>

namespace kstd {

template<typename T>
class Span {
public:
    constexpr Span() = default;
    constexpr Span(T* items, size_t count) : m_items(items), m_count(count) {}
    template<size_t N>
    constexpr Span(T (&array)[N]) : m_items(array), m_count(N) {}

    constexpr T* data() const { return m_items; }
    constexpr size_t size() const { return m_count; }
    constexpr bool empty() const { return m_count == 0; }
    constexpr T* begin() const { return m_items; }
    constexpr T* end() const { return m_items + m_count; }

    constexpr T& operator[](size_t index) const
    {
        VERIFY(index < m_count);
        return m_items[index];
    }

    constexpr Span subspan(size_t start, size_t count) const
    {
        VERIFY(start <= m_count && count <= m_count - start);
        return { m_items + start, count };
    }

private:
    T* m_items = nullptr;
    size_t m_count = 0;
};

} // namespace kstd
