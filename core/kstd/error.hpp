// kstd::Error: why an operation failed.
//
// An error is a POSIX errno value (the same numbers and meanings as Linux, so system calls
// can return them unchanged later) plus an optional static string with more detail.
#pragma once
#include <kstd/string_view.hpp>

namespace kstd {

// The values are Linux's errno numbers. The enumerators are spelled out rather than
// named ENOENT etc. because a host build (the sim, unit tests) sees <errno.h>, which
// defines those names as macros; Error::name() gives the familiar spelling.
enum class Errno : int {
    NotPermitted = 1, // EPERM
    NoSuchEntry = 2, // ENOENT
    NoSuchProcess = 3, // ESRCH
    Interrupted = 4, // EINTR
    IoError = 5, // EIO
    NoSuchDeviceOrAddress = 6, // ENXIO
    ArgumentListTooLong = 7, // E2BIG
    ExecFormatError = 8, // ENOEXEC
    BadFileDescriptor = 9, // EBADF
    NoChildProcesses = 10, // ECHILD
    TryAgain = 11, // EAGAIN
    OutOfMemory = 12, // ENOMEM
    PermissionDenied = 13, // EACCES
    BadAddress = 14, // EFAULT
    Busy = 16, // EBUSY
    AlreadyExists = 17, // EEXIST
    CrossDeviceLink = 18, // EXDEV
    NoSuchDevice = 19, // ENODEV
    NotADirectory = 20, // ENOTDIR
    IsADirectory = 21, // EISDIR
    InvalidArgument = 22, // EINVAL
    TooManyOpenFiles = 24, // EMFILE
    NotATerminal = 25, // ENOTTY
    FileTooLarge = 27, // EFBIG
    NoSpace = 28, // ENOSPC
    IllegalSeek = 29, // ESPIPE
    ReadOnlyFileSystem = 30, // EROFS
    BrokenPipe = 32, // EPIPE
    OutOfRange = 34, // ERANGE
    NameTooLong = 36, // ENAMETOOLONG
    NotImplemented = 38, // ENOSYS
    DirectoryNotEmpty = 39, // ENOTEMPTY
    TooManySymlinks = 40, // ELOOP
    NotSupported = 95, // EOPNOTSUPP
    // Linux's kernel-internal codes for a system call cut short by a signal (its
    // include/linux/errno.h). They never reach a program: on the way back to user mode
    // the signal code (proc/signal_delivery.cpp) turns them into EINTR or restarts the call.
    RestartSystemCall = 512, // ERESTARTSYS: restart if the handler has SA_RESTART
    RestartAlways = 513, // ERESTARTNOINTR
    RestartUnlessHandled = 514, // ERESTARTNOHAND: restart only if no handler ran
    RestartWithBlock = 516, // ERESTART_RESTARTBLOCK: resume through restart_syscall
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
