// kstd::Result<T>: either a value or an Error, and TRY() to pass errors up.
//
//     Result<Inode*> lookup(StringView path);
//     Inode* inode = TRY(lookup(path));   // returns the error to our caller on failure
//
// Results are [[nodiscard]]: ignoring one is a compile error under -Werror.
#pragma once
#include <kstd/error.hpp>
#include <kstd/verify.hpp>
#include <new>
#include <type_traits>
#include <utility>

namespace kstd {

template<typename T>
class [[nodiscard]] Result {
public:
    Result(const T& value) : m_has_value(true) { new (&m_value) T(value); }
    Result(T&& value) : m_has_value(true) { new (&m_value) T(std::move(value)); }
    Result(Error error) : m_error(error), m_has_value(false) {}
    Result(Errno code) : Result(Error::from_errno(code)) {}
    Result(Result&& other) : m_has_value(other.m_has_value)
    {
        if (m_has_value)
            new (&m_value) T(std::move(other.m_value));
        else
            m_error = other.m_error;
    }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    ~Result()
    {
        if (m_has_value)
            m_value.~T();
    }

    bool is_error() const { return !m_has_value; }
    const Error& error() const
    {
        VERIFY(!m_has_value);
        return m_error;
    }
    T& value()
    {
        VERIFY(m_has_value);
        return m_value;
    }
    T release_value() { return std::move(value()); }
    Error release_error() const { return error(); }

private:
    union {
        T m_value;
    };
    Error m_error = Error::from_errno(Errno::InvalidArgument);
    bool m_has_value;
};

template<>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(error), m_has_error(true) {}
    Result(Errno code) : Result(Error::from_errno(code)) {}

    bool is_error() const { return m_has_error; }
    const Error& error() const
    {
        VERIFY(m_has_error);
        return m_error;
    }
    void release_value() const { VERIFY(!m_has_error); }
    Error release_error() const { return error(); }

private:
    Error m_error = Error::from_errno(Errno::InvalidArgument);
    bool m_has_error = false;
};

} // namespace kstd

// Evaluates a Result; on error returns the error from the enclosing function, otherwise
// yields the value. (A GCC/Clang statement expression, as in SerenityOS.)
#define TRY(expression)                                                                    \
    ({                                                                                     \
        auto&& _try_result = (expression);                                                 \
        if (_try_result.is_error()) [[unlikely]]                                           \
            return _try_result.release_error();                                            \
        _try_result.release_value();                                                       \
    })
