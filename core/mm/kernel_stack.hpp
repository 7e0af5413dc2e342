// KernelStack: a stack for kernel code (a thread, a test case) in the kernel window, with an
// unmapped guard page below it.
//
//     auto stack = TRY(mm::KernelStack::create("shell", 16 * 1024));
//     hal::context_init(context, stack.base(), stack.size(), entry, argument);
//     ...
//     stack.destroy();
//
// The stack's pages are fresh frames mapped read/write (never executable) right above a
// StackGuard region. Running off the bottom touches the guard: on x86_64 the page fault
// cannot push its frame on the exhausted stack, the CPU raises a double fault on its own
// IST stack, and the report says "kernel stack overflow" and names the stack; the sim's
// SIGSEGV on the guard page ends in the same report. Never a triple fault or a silent
// corruption of whatever lies below.
#pragma once
#include <kstd/result.hpp>
#include <kstd/string_view.hpp>
#include <mm/frames.hpp>

namespace mm {

struct Region;

class KernelStack {
public:
    static constexpr size_t DEFAULT_SIZE = 16 * 1024;

    // `size` is rounded up to whole pages. ENOMEM when frames, window space or region
    // records run out (then nothing is left allocated).
    static kstd::Result<KernelStack> create(kstd::StringView name, size_t size = DEFAULT_SIZE);
    KernelStack() = default;
    // One owner at a time: moving leaves the source empty, and only an empty stack may be
    // moved into; copies do not exist.
    KernelStack(KernelStack&& other) { take(other); }
    KernelStack& operator=(KernelStack&& other)
    {
        if (this != &other)
            take(other);
        return *this;
    }
    KernelStack(const KernelStack&) = delete;
    KernelStack& operator=(const KernelStack&) = delete;

    // Unmaps the stack, frees its frames and its place in the window.
    void destroy();

    void* base() const { return reinterpret_cast<void*>(m_base); }
    size_t size() const { return m_size; }
    void* top() const { return reinterpret_cast<void*>(m_base + m_size); }

private:
    void take(KernelStack& other);
    KernelStack(Region* guard, Region* pages, VirtualAddress base, size_t size)
        : m_guard(guard), m_pages(pages), m_base(base), m_size(size)
    {
    }

    Region* m_guard = nullptr;
    Region* m_pages = nullptr;
    VirtualAddress m_base = 0;
    size_t m_size = 0;
};

} // namespace mm
