// NeverDestroyed<T>: a static object that is built at compile time and never torn down.
//
// For kernel-wide singletons that other static objects use from their own destructors
// (the object-cache registry, the kernel heap): in the sim, process exit runs static
// destructors in an order nobody controls, and these must outlive all of them.
#pragma once
#include <utility>

namespace mm {

template<typename T>
class NeverDestroyed {
public:
    template<typename... Args>
    constexpr explicit NeverDestroyed(Args&&... args) : m_value(std::forward<Args>(args)...) {}
    ~NeverDestroyed() {}
    NeverDestroyed(const NeverDestroyed&) = delete;
    NeverDestroyed& operator=(const NeverDestroyed&) = delete;

    T& get() { return m_value; }

private:
    union {
        T m_value;
    };
};

} // namespace mm
