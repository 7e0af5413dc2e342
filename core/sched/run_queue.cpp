// The ready queues of the scheduler (see run_queue.hpp for the policy).
//
// Every way in goes through claim_level_for() and every way out through unlink(), so the
// bitmap of non-empty levels and the count are kept in two places only.
#include <kstd/panic.hpp>
#include <sched/run_queue.hpp>

namespace sched {

namespace {

uint32_t level_bit(unsigned priority)
{
    return uint32_t(1) << priority;
}

unsigned highest_level_in(uint32_t levels)
{
    return 31 - unsigned(__builtin_clz(levels));
}

void verify_priority(const char* which, unsigned priority)
{
    if (priority >= PRIORITY_LEVELS)
        PANIC("run queue: {} priority {} is out of range 0..{}", which, priority, HIGHEST_PRIORITY);
}

} // namespace

void RunQueue::enqueue(Schedulable& item, uint64_t now_tick)
{
    Level& level = claim_level_for(item);
    item.ready_since_tick = now_tick;
    level.push_back(item);
}

void RunQueue::enqueue_front(Schedulable& item, uint64_t now_tick)
{
    Level& level = claim_level_for(item);
    item.ready_since_tick = now_tick;
    level.push_front(item);
}

Schedulable* RunQueue::pick_next()
{
    if (is_empty())
        return nullptr;
    Schedulable* next = m_levels[highest_level_in(m_ready_levels)].front();
    remove(*next);
    return next;
}

int RunQueue::highest_ready_priority() const
{
    return is_empty() ? -1 : int(highest_level_in(m_ready_levels));
}

void RunQueue::remove(Schedulable& item)
{
    unlink(item);
    item.effective_priority = item.base_priority;
}

bool RunQueue::contains(const Schedulable& item) const
{
    return item.effective_priority < PRIORITY_LEVELS && m_levels[item.effective_priority].contains(item);
}

void RunQueue::age(uint64_t now_tick)
{
    // From the top down, over the levels that were waiting when the tick began, so that a
    // thread lifted to a level already looked at climbs no further this tick.
    uint32_t waiting_levels = m_ready_levels & ~level_bit(HIGHEST_PRIORITY);
    while (waiting_levels != 0) {
        unsigned priority = highest_level_in(waiting_levels);
        waiting_levels &= ~level_bit(priority);
        Schedulable& oldest = *m_levels[priority].front();
        if (oldest.ready_since_tick + STARVATION_TICKS > now_tick)
            continue;
        unlink(oldest);
        oldest.effective_priority = uint8_t(priority + 1);
        enqueue(oldest, now_tick);
    }
}

void RunQueue::set_base_priority(Schedulable& item, unsigned priority)
{
    verify_priority("base", priority);
    bool was_queued = contains(item);
    if (was_queued)
        unlink(item);
    item.base_priority = uint8_t(priority);
    item.effective_priority = uint8_t(priority);
    if (was_queued)
        claim_level_for(item).push_back(item);
}

// Checks that `item` may join the queue and counts it in; the caller links it.
RunQueue::Level& RunQueue::claim_level_for(Schedulable& item)
{
    if (item.run_queue_node.is_linked())
        PANIC("run queue: a thread that is already queued was enqueued again");
    verify_priority("base", item.base_priority);
    verify_priority("effective", item.effective_priority);
    m_ready_levels |= level_bit(item.effective_priority);
    ++m_size;
    return m_levels[item.effective_priority];
}

void RunQueue::unlink(Schedulable& item)
{
    if (!contains(item))
        PANIC("run queue: removing a thread that is not on this run queue");
    Level& level = m_levels[item.effective_priority];
    level.remove(item);
    if (level.is_empty())
        m_ready_levels &= ~level_bit(item.effective_priority);
    --m_size;
}

} // namespace sched
