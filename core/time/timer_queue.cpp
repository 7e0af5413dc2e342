// The pairing heap behind ktime::TimerQueue (see timer_queue.hpp for the interface).
//
// A tree is a root whose children hang in a doubly linked sibling list, none of them
// earlier than the root. meld() makes the later of two roots the first child of the
// earlier one. Removing a node leaves its children as a list of trees; pair_up() melds them
// in the classic two passes (neighbours in pairs left to right, then the pairs right to
// left into one), which is what makes removals O(log n) amortized.
#include <kstd/panic.hpp>
#include <time/timer_queue.hpp>

namespace ktime {

TimerQueue::~TimerQueue()
{
    while (m_root != nullptr)
        unlink(*m_root);
}

void TimerQueue::arm(Timer& timer, uint64_t deadline_ns, Timer::Callback callback)
{
    if (timer.is_armed())
        PANIC("timer queue: arming a timer that is already armed");
    VERIFY(callback != nullptr);
    timer.m_deadline_ns = deadline_ns;
    timer.m_arming_sequence = m_next_sequence++;
    timer.m_callback = callback;
    timer.m_queue = this;
    m_root = meld(m_root, &timer);
    ++m_size;
}

bool TimerQueue::cancel(Timer& timer)
{
    if (!timer.is_armed())
        return false;
    if (timer.m_queue != this)
        PANIC("timer queue: cancelling a timer armed on another queue");
    unlink(timer);
    return true;
}

void TimerQueue::expire(uint64_t now_ns)
{
    while (m_root != nullptr && m_root->m_deadline_ns <= now_ns) {
        Timer& due = *m_root;
        unlink(due);
        due.m_callback(due);
    }
}

kstd::Optional<uint64_t> TimerQueue::next_deadline() const
{
    if (m_root == nullptr)
        return {};
    return m_root->m_deadline_ns;
}

bool TimerQueue::expires_before(const Timer& first, const Timer& second)
{
    if (first.m_deadline_ns != second.m_deadline_ns)
        return first.m_deadline_ns < second.m_deadline_ns;
    return first.m_arming_sequence < second.m_arming_sequence;
}

// Melds two trees (either may be null) whose roots have no siblings; returns the root.
Timer* TimerQueue::meld(Timer* first, Timer* second)
{
    if (first == nullptr)
        return second;
    if (second == nullptr)
        return first;
    Timer* parent = expires_before(*first, *second) ? first : second;
    Timer* child = parent == first ? second : first;
    child->m_previous = parent;
    child->m_next_sibling = parent->m_first_child;
    if (parent->m_first_child != nullptr)
        parent->m_first_child->m_previous = child;
    parent->m_first_child = child;
    return parent;
}

// Melds a sibling list of trees into one tree and returns its root (null for no trees).
Timer* TimerQueue::pair_up(Timer* first_sibling)
{
    // Pass 1, left to right: meld neighbours in pairs. The melded pairs are stacked
    // through m_next_sibling, so the last pair ends on top.
    Timer* pairs = nullptr;
    Timer* next = first_sibling;
    while (next != nullptr) {
        Timer* left = next;
        Timer* right = left->m_next_sibling;
        next = right != nullptr ? right->m_next_sibling : nullptr;
        left->m_previous = left->m_next_sibling = nullptr;
        if (right != nullptr)
            right->m_previous = right->m_next_sibling = nullptr;
        Timer* pair = meld(left, right);
        pair->m_next_sibling = pairs;
        pairs = pair;
    }
    // Pass 2, right to left: meld each pair into the tree built from the pairs after it.
    Timer* tree = nullptr;
    while (pairs != nullptr) {
        Timer* pair = pairs;
        pairs = pair->m_next_sibling;
        pair->m_next_sibling = nullptr;
        tree = meld(tree, pair);
    }
    return tree;
}

// Takes `timer` out of the heap, melding its children back in, and disarms it.
void TimerQueue::unlink(Timer& timer)
{
    Timer* children = pair_up(timer.m_first_child);
    if (&timer == m_root) {
        m_root = children;
    } else {
        Timer* previous = timer.m_previous;
        if (previous->m_first_child == &timer)
            previous->m_first_child = timer.m_next_sibling;
        else
            previous->m_next_sibling = timer.m_next_sibling;
        if (timer.m_next_sibling != nullptr)
            timer.m_next_sibling->m_previous = previous;
        m_root = meld(m_root, children);
    }
    timer.m_first_child = timer.m_next_sibling = timer.m_previous = nullptr;
    timer.m_queue = nullptr;
    --m_size;
}

} // namespace ktime
