// The key stream's wait and its key arrival hook (see key_stream.hpp).
//
// The race to close is a key arriving between "the queue is empty" and "the task waits":
// wait() looks at the queue again and becomes the waiter with interrupts off, and the hook
// runs with interrupts off, so the event either is queued before the look or finds the
// waiter after it.
#include <async/key_stream.hpp>
#include <input/input.hpp>
#include <sync/interrupt_guard.hpp>

namespace async {

KeyStream::KeyStream()
{
    input::set_key_arrival_hook(on_key_arrival, this);
}

KeyStream::~KeyStream()
{
    VERIFY(m_waiter == nullptr); // a waiting next() outliving its stream
    input::set_key_arrival_hook(nullptr, nullptr);
}

bool KeyStream::on_key_arrival(void* context, const input::KeyEvent& event)
{
    auto& stream = *static_cast<KeyStream*>(context);
    NextKey* waiter = stream.m_waiter;
    if (!waiter)
        return false;
    stream.m_waiter = nullptr;
    waiter->m_event = event;
    waiter->m_waker.wake();
    return true;
}

NextKey::~NextKey()
{
    ksync::InterruptGuard guard;
    if (m_stream.m_waiter == this)
        m_stream.m_waiter = nullptr;
}

bool NextKey::await_ready()
{
    m_event = input::try_read_key();
    return m_event.has_value();
}

bool NextKey::wait(Waker waker)
{
    ksync::InterruptGuard guard;
    m_event = input::try_read_key();
    if (m_event)
        return false;
    VERIFY(m_stream.m_waiter == nullptr); // one reader at a time
    m_waker = waker;
    m_stream.m_waiter = this;
    return true;
}

} // namespace async
