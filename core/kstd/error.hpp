// kstd::Error: why an operation failed.
//
// An error is a POSIX errno value (the same numbers and meanings as Linux, so system calls
// can return them unchanged later) plus an optional static string with more detail.
#pragma once
#include <kstd/string_view.hpp>

namespace kstd {

enum class Errno : int {
    EPERM = 1, ENOENT = 2, EIO = 5, E2BIG = 7, EBADF = 9, EAGAIN = 11, ENOMEM = 12,
    EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20,
    EISDIR = 21, EINVAL = 22, ENOSPC = 28, ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38,
    ENOTEMPTY = 39, ELOOP = 40,
};

class Error {
public:
    static constexpr Error from_errno(Errno code) { return Error(code, {}); }
    static constexpr Error with_detail(Errno code, StringView detail) { return Error(code, detail); }

    constexpr Errno code() const { return m_code; }
    constexpr StringView detail() const { return m_detail; }
    // The strerror() text, e.g. "No such file or directory".
    StringView description() const;
    // The symbolic name, e.g. "ENOENT".
    StringView name() const;

private:
    constexpr Error(Errno code, StringView detail) : m_code(code), m_detail(detail) {}
    Errno m_code;
    StringView m_detail;
};

} // namespace kstd
