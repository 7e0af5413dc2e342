// ByteQueue: the receive buffer of a simulated device (keyboard controller, serial line).
//
// A device thread pushes bytes, the CPU thread pops them from its IRQ handler. A full queue
// either drops the byte (try_push: the keyboard, like an i8042 that overflows) or makes the
// device thread wait (push_waiting: the serial line, so input piped into the sim is never
// lost). Objects of this type are allocated once and never destroyed (see keyboard.cpp).
#pragma once
#include <stddef.h>
#include <stdint.h>

#include <array>
#include <condition_variable>
#include <mutex>

namespace sim {

template<size_t Capacity>
class ByteQueue {
public:
    bool try_push(uint8_t byte)
    {
        std::lock_guard lock(m_mutex);
        if (m_count == Capacity)
            return false;
        store(byte);
        return true;
    }

    void push_waiting(uint8_t byte)
    {
        std::unique_lock lock(m_mutex);
        m_room.wait(lock, [this] { return m_count < Capacity; });
        store(byte);
    }

    bool try_pop(uint8_t& byte)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_count == 0)
                return false;
            byte = m_bytes[m_head];
            m_head = (m_head + 1) % Capacity;
            --m_count;
        }
        m_room.notify_one();
        return true;
    }

private:
    void store(uint8_t byte)
    {
        m_bytes[(m_head + m_count) % Capacity] = byte;
        ++m_count;
    }

    std::mutex m_mutex;
    std::condition_variable m_room;
    std::array<uint8_t, Capacity> m_bytes {};
    size_t m_head = 0;
    size_t m_count = 0;
};

} // namespace sim
