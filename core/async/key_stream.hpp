// async::KeyStream: key events for a Task, from the keyboard and serial IRQs.
//
//     async::KeyStream keys;
//     for (;;) { input::KeyEvent event = co_await keys.next(); ... }
//
// next() gives the oldest queued event at once; with none queued the task suspends, and the
// next event the keyboard or serial IRQ decodes is handed straight to it (through
// input's key arrival hook, skipping the queue) and wakes it. Nothing polls. A KeyStream is
// the hook while it exists, so there is one at a time, read by one task at a time; events
// keep arriving in the queue between two next() calls and none is lost or reordered.
// Destroying a waiting next() (as destroying its task does) withdraws the wait.
#pragma once
#include <async/task.hpp>
#include <async/waker.hpp>
#include <input/key.hpp>
#include <kstd/optional.hpp>

#include <coroutine>

namespace async {

class KeyStream;

// What next() returns: awaiting it gives the next key event.
class [[nodiscard]] NextKey {
public:
    ~NextKey();
    NextKey(const NextKey&) = delete;
    NextKey& operator=(const NextKey&) = delete;

    bool await_ready();
    template<typename Promise>
    bool await_suspend(std::coroutine_handle<Promise> coroutine)
    {
        return wait(suspension_waker(coroutine));
    }
    input::KeyEvent await_resume() const { return m_event.value(); }

private:
    friend class KeyStream;
    explicit NextKey(KeyStream& stream) : m_stream(stream) {}

    // Becomes the stream's waiter unless an event was queued meanwhile (then false).
    bool wait(Waker waker);

    KeyStream& m_stream;
    Waker m_waker;
    kstd::Optional<input::KeyEvent> m_event;
};

class KeyStream {
public:
    // Installs the stream as input's key arrival hook (there must be none).
    KeyStream();
    ~KeyStream();
    KeyStream(const KeyStream&) = delete;
    KeyStream& operator=(const KeyStream&) = delete;

    NextKey next() { return NextKey(*this); }

private:
    friend class NextKey;
    static bool on_key_arrival(void* stream, const input::KeyEvent& event);

    NextKey* m_waiter = nullptr; // changed with interrupts off: the IRQ reads it
};

} // namespace async
