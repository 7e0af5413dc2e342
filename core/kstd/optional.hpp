// kstd::Optional<T>: a value that may be absent, stored inline (no heap).
//
//     Optional<KeyEvent> event = queue.try_pop();
//     if (event) handle(event.value());
//
// The kernel's replacement for std::optional. The value lives in a union, so T needs no
// default constructor and is constructed and destroyed exactly when the Optional gains and
// loses it. Reading an empty Optional is a bug and VERIFY-fails.
#pragma once
#include <kstd/verify.hpp>
#include <new>
#include <type_traits>
#include <utility>

namespace kstd {

template<typename T>
class Optional {
public:
    Optional() {}
    Optional(const T& value) { emplace(value); }
    Optional(T&& value) { emplace(std::move(value)); }

    Optional(const Optional& other)
        requires std::is_copy_constructible_v<T>
    {
        if (other.m_has_value)
            emplace(other.m_value);
    }
    Optional(Optional&& other)
        requires std::is_move_constructible_v<T>
    {
        if (other.m_has_value)
            emplace(std::move(other.m_value));
    }
    Optional& operator=(const Optional& other)
        requires std::is_copy_constructible_v<T>
    {
        if (this != &other) {
            reset();
            if (other.m_has_value)
                emplace(other.m_value);
        }
        return *this;
    }
    Optional& operator=(Optional&& other)
        requires std::is_move_constructible_v<T>
    {
        if (this != &other) {
            reset();
            if (other.m_has_value)
                emplace(std::move(other.m_value));
        }
        return *this;
    }
    ~Optional() { reset(); }

    bool has_value() const { return m_has_value; }
    explicit operator bool() const { return m_has_value; }

    T& value()
    {
        VERIFY(m_has_value);
        return m_value;
    }
    const T& value() const
    {
        VERIFY(m_has_value);
        return m_value;
    }
    T value_or(const T& fallback) const { return m_has_value ? m_value : fallback; }

    template<typename... Args>
    T& emplace(Args&&... args)
    {
        reset();
        new (&m_value) T(std::forward<Args>(args)...);
        m_has_value = true;
        return m_value;
    }
    void reset()
    {
        if (m_has_value)
            m_value.~T();
        m_has_value = false;
    }

private:
    union {
        T m_value;
    };
    bool m_has_value = false;
};

} // namespace kstd
