// ByteQueue: the receive buffer of a simulated device (keyboard controller, serial line).
//
// A device thread pushes bytes, the CPU thread pops them from its IRQ handler. A full queue
// either drops the byte (try_push: the keyboard, like an i8042 that overflows) or makes the
// device thread wait (push_waiting: the serial line, so input piped into the sim is never
// lost). Objects of this type are allocated once and never destroyed (see keyboard.cpp).
#pragma once
#include <kstd/ring_buffer.hpp>
#include <stddef.h>
#include <stdint.h>

#include <condition_variable>
#include <mutex>

namespace sim {

template<size_t Capacity>
class ByteQueue {
public:
    bool try_push(uint8_t byte)
    {
        std::lock_guard lock(m_mutex);
        return m_bytes.try_push(byte);
    }

    void push_waiting(uint8_t byte)
    {
        std::unique_lock lock(m_mutex);
        m_room.wait(lock, [this] { return !m_bytes.is_full(); });
        (void)m_bytes.try_push(byte);
    }

    bool try_pop(uint8_t& byte)
    {
        {
            std::lock_guard lock(m_mutex);
            kstd::Optional<uint8_t> front = m_bytes.try_pop();
            if (!front)
                return false;
            byte = front.value();
        }
        m_room.notify_one();
        return true;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_room;
    kstd::RingBuffer<uint8_t, Capacity> m_bytes;
};

} // namespace sim
