// sched::RunQueue: the threads that are ready to run, one FIFO queue per priority level.
//
// Priorities go from 0 (lowest) to 31 (highest). The scheduler always runs a thread of
// the highest level that has one: a 32-bit bitmap has bit L set while level L is not
// empty, so pick_next() finds that level with one count-leading-zeros, whatever the number
// of threads. Within a level the order is first come, first served, and a thread whose
// time slice ran out goes back to the tail (enqueue), which makes a level round robin; a
// thread preempted before its slice ended may go back to the head (enqueue_front). The
// slice itself is counted by the scheduler, not here.
//
// Strict priorities alone would starve a low thread forever behind busy high ones, so the
// queue ages its waiters: age(), called once per tick, looks at the head of every
// non-empty level below the top, and a head that has been ready for STARVATION_TICKS moves
// to the tail of the next level up, its wait counted again from then. A starved thread so
// climbs one level per STARVATION_TICKS until it is picked, at the latest when it reaches
// level 31 and takes its turn in that level's round robin. Each call costs one look per
// level, however many threads wait. Leaving the queue (pick_next, remove) drops a thread
// back to its base priority: the boost only pays for waiting.
//
// A Schedulable's effective_priority names the level it is queued on: change priorities
// through set_base_priority, never by writing the fields of a queued thread. The queue is
// not thread-safe; the scheduler calls it with interrupts off.
#pragma once
#include <kstd/intrusive_list.hpp>
#include <stddef.h>
#include <stdint.h>

namespace sched {

inline constexpr unsigned PRIORITY_LEVELS = 32;
inline constexpr unsigned LOWEST_PRIORITY = 0;
inline constexpr unsigned HIGHEST_PRIORITY = PRIORITY_LEVELS - 1;
inline constexpr unsigned DEFAULT_PRIORITY = 16;

// The scheduling part of a thread: embed one in each thread.
struct Schedulable {
    kstd::IntrusiveListNode run_queue_node;
    uint8_t base_priority = DEFAULT_PRIORITY;      // set by the thread's creator or nice
    uint8_t effective_priority = DEFAULT_PRIORITY; // base, or higher while aging in the queue
    uint64_t ready_since_tick = 0;                 // when it joined its current level
};

class RunQueue {
public:
    // How long the head of a level waits before it climbs one level (0.5 s at 100 Hz).
    static constexpr uint64_t STARVATION_TICKS = 50;

    RunQueue() = default;

    // Queues `item` at the tail of its effective priority's level. It must not be queued.
    void enqueue(Schedulable& item, uint64_t now_tick);
    // The same at the head: the thread runs next among its level.
    void enqueue_front(Schedulable& item, uint64_t now_tick);

    // Dequeues the first thread of the highest non-empty level (nullptr when empty) and
    // returns its effective priority to its base.
    Schedulable* pick_next();
    // The level pick_next() would take from, or -1 when the queue is empty.
    int highest_ready_priority() const;

    // Dequeues a queued thread (one being killed, say) back to its base priority.
    void remove(Schedulable& item);
    bool contains(const Schedulable& item) const;
    size_t size() const { return m_size; }
    bool is_empty() const { return m_size == 0; }

    // Once per tick: lifts the head of each level below the top that has waited
    // STARVATION_TICKS to the tail of the level above.
    void age(uint64_t now_tick);

    // Sets base and effective priority; a queued thread moves to the tail of its new level
    // and keeps its ready_since_tick.
    void set_base_priority(Schedulable& item, unsigned priority);

private:
    using Level = kstd::IntrusiveList<Schedulable, &Schedulable::run_queue_node>;
    static_assert(PRIORITY_LEVELS <= 32, "the ready bitmap has one bit a level in 32 bits");

    Level& claim_level_for(Schedulable& item);
    void unlink(Schedulable& item);

    Level m_levels[PRIORITY_LEVELS];
    uint32_t m_ready_levels = 0; // bit L set while m_levels[L] is not empty
    size_t m_size = 0;
};

} // namespace sched
