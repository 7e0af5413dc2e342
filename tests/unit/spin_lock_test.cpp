// ksync::SpinLock: interrupts off while held, the previous state back afterwards, nesting,
// and a lock taken twice caught.
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>

#include <hal/irq.hpp>
#include <sync/spin_lock.hpp>

TEST(SpinLock, HoldsInterruptsOffAndRestoresTheirState)
{
    ksync::SpinLock lock;
    hal::irq_disable();
    for (bool enabled_before : { false, true }) {
        hal::irq_restore(hal::IrqState { enabled_before });
        {
            ksync::SpinLockGuard guard(lock);
            EXPECT_TRUE(lock.is_locked());
            EXPECT_FALSE(hal::irqs_enabled());
        }
        EXPECT_FALSE(lock.is_locked());
        EXPECT_EQ(hal::irqs_enabled(), enabled_before);
    }
    hal::irq_disable();
}

TEST(SpinLock, TwoLocksNest)
{
    ksync::SpinLock outer;
    ksync::SpinLock inner;
    hal::irq_disable();
    hal::IrqState before = outer.lock();
    hal::IrqState middle = inner.lock();
    inner.unlock(middle);
    EXPECT_FALSE(hal::irqs_enabled());
    outer.unlock(before);
    EXPECT_FALSE(outer.is_locked() || inner.is_locked());
}

TEST(SpinLockDeathTest, TakingItTwiceIsABug)
{
    ksync::SpinLock lock;
    hal::IrqState state = lock.lock();
    EXPECT_VERIFY_FAILS(lock.lock());
    lock.unlock(state);
    EXPECT_VERIFY_FAILS(lock.unlock(state));
}
