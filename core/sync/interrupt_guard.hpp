// InterruptGuard: disables interrupts for the life of a scope and restores the previous
// state on exit. On one CPU this is the lock that keeps IRQ handlers out of a data
// structure they share with task code (the key queue, the console).
#pragma once
#include <hal/irq.hpp>

namespace ksync {

class InterruptGuard {
public:
    InterruptGuard() : m_previous(hal::irq_save()) {}
    ~InterruptGuard() { hal::irq_restore(m_previous); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    hal::IrqState m_previous;
};

} // namespace ksync
