// SpinLock: mutual exclusion for data that interrupt handlers share, without sleeping.
//
//     ksync::SpinLock lock;
//     { ksync::SpinLockGuard guard(lock); ... }   // interrupts off inside
//
// lock() disables interrupts and returns their previous state, which unlock() restores, so
// spin locks nest with each other and with InterruptGuard. On Keel's one CPU turning
// interrupts off is what excludes everyone else; the flag is what a second CPU would spin
// on, and here it catches a lock taken twice (which could only deadlock) with a VERIFY.
#pragma once
#include <hal/irq.hpp>
#include <kstd/verify.hpp>

namespace ksync {

class SpinLock {
public:
    hal::IrqState lock()
    {
        hal::IrqState previous = hal::irq_save();
        VERIFY(!__atomic_test_and_set(&m_locked, __ATOMIC_ACQUIRE));
        return previous;
    }

    void unlock(hal::IrqState previous)
    {
        VERIFY(is_locked());
        __atomic_clear(&m_locked, __ATOMIC_RELEASE);
        hal::irq_restore(previous);
    }

    bool is_locked() const { return __atomic_load_n(&m_locked, __ATOMIC_RELAXED); }

private:
    bool m_locked = false;
};

class SpinLockGuard {
public:
    explicit SpinLockGuard(SpinLock& lock) : m_lock(lock), m_previous(lock.lock()) {}
    ~SpinLockGuard() { m_lock.unlock(m_previous); }
    SpinLockGuard(const SpinLockGuard&) = delete;
    SpinLockGuard& operator=(const SpinLockGuard&) = delete;

private:
    SpinLock& m_lock;
    hal::IrqState m_previous;
};

} // namespace ksync
