// kstd::RingBuffer<T, N>: a fixed-capacity FIFO queue stored inline.
//
//     RingBuffer<KeyEvent, 64> keys;
//     keys.try_push(event);                 // in the keyboard IRQ handler; false when full
//     Optional<KeyEvent> next = keys.try_pop();   // in the task, with interrupts off
//
// push_overwriting() makes it a "last N" buffer instead (the kernel log, shell history):
// a full buffer drops its oldest item; at(0) is the oldest item kept.
//
// There is no locking inside: the one producer runs in IRQ context and the consumer
// disables interrupts around try_pop, so the two never overlap on one CPU. Anything else
// must bring its own lock. Neither operation allocates or blocks.
#pragma once
#include <kstd/optional.hpp>
#include <kstd/verify.hpp>
#include <new>
#include <stddef.h>
#include <utility>

namespace kstd {

template<typename T, size_t N>
class RingBuffer {
    static_assert(N > 0, "a RingBuffer needs room for at least one item");

public:
    RingBuffer() {}
    RingBuffer(const RingBuffer&) = delete;
    RingBuffer& operator=(const RingBuffer&) = delete;
    ~RingBuffer() { clear(); }

    size_t size() const { return m_size; }
    static constexpr size_t capacity() { return N; }
    bool is_empty() const { return m_size == 0; }
    bool is_full() const { return m_size == N; }

    // Appends at the back; false (and the item is not taken) when full.
    [[nodiscard]] bool try_push(const T& item)
    {
        if (is_full())
            return false;
        new (&m_items[(m_front + m_size) % N]) T(item);
        ++m_size;
        return true;
    }

    // Appends at the back, dropping the oldest item when full.
    void push_overwriting(const T& item)
    {
        if (is_full())
            (void)try_pop();
        (void)try_push(item);
    }

    // The index-th item from the front (0 = oldest).
    const T& at(size_t index) const
    {
        VERIFY(index < m_size);
        return m_items[(m_front + index) % N];
    }
    T& back()
    {
        VERIFY(m_size > 0);
        return m_items[(m_front + m_size - 1) % N];
    }

    // Takes the front item, or nothing if the queue is empty.
    Optional<T> try_pop()
    {
        if (is_empty())
            return {};
        T& front = m_items[m_front];
        Optional<T> item(std::move(front));
        front.~T();
        m_front = (m_front + 1) % N;
        --m_size;
        return item;
    }

    void clear()
    {
        while (try_pop()) {
        }
    }

private:
    union {
        T m_items[N];
    };
    size_t m_front = 0; // index of the oldest item
    size_t m_size = 0;
};

} // namespace kstd
