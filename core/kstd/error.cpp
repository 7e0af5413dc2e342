// Names and descriptions of the errno values in error.hpp, worded as glibc's strerror().
#include <kstd/error.hpp>

namespace kstd {

namespace {
struct ErrnoText {
    Errno code;
    const char* name;
    const char* description;
};

constexpr ErrnoText errno_texts[] = {
    { Errno::NotPermitted, "EPERM", "Operation not permitted" },
    { Errno::NoSuchEntry, "ENOENT", "No such file or directory" },
    { Errno::NoSuchProcess, "ESRCH", "No such process" },
    { Errno::Interrupted, "EINTR", "Interrupted system call" },
    { Errno::IoError, "EIO", "Input/output error" },
    { Errno::NoSuchDeviceOrAddress, "ENXIO", "No such device or address" },
    { Errno::ArgumentListTooLong, "E2BIG", "Argument list too long" },
    { Errno::ExecFormatError, "ENOEXEC", "Exec format error" },
    { Errno::BadFileDescriptor, "EBADF", "Bad file descriptor" },
    { Errno::NoChildProcesses, "ECHILD", "No child processes" },
    { Errno::TryAgain, "EAGAIN", "Resource temporarily unavailable" },
    { Errno::OutOfMemory, "ENOMEM", "Cannot allocate memory" },
    { Errno::PermissionDenied, "EACCES", "Permission denied" },
    { Errno::BadAddress, "EFAULT", "Bad address" },
    { Errno::Busy, "EBUSY", "Device or resource busy" },
    { Errno::AlreadyExists, "EEXIST", "File exists" },
    { Errno::CrossDeviceLink, "EXDEV", "Invalid cross-device link" },
    { Errno::NoSuchDevice, "ENODEV", "No such device" },
    { Errno::NotADirectory, "ENOTDIR", "Not a directory" },
    { Errno::IsADirectory, "EISDIR", "Is a directory" },
    { Errno::InvalidArgument, "EINVAL", "Invalid argument" },
    { Errno::TooManyOpenFiles, "EMFILE", "Too many open files" },
    { Errno::NotATerminal, "ENOTTY", "Inappropriate ioctl for device" },
    { Errno::FileTooLarge, "EFBIG", "File too large" },
    { Errno::NoSpace, "ENOSPC", "No space left on device" },
    { Errno::IllegalSeek, "ESPIPE", "Illegal seek" },
    { Errno::ReadOnlyFileSystem, "EROFS", "Read-only file system" },
    { Errno::BrokenPipe, "EPIPE", "Broken pipe" },
    { Errno::OutOfRange, "ERANGE", "Numerical result out of range" },
    { Errno::NameTooLong, "ENAMETOOLONG", "File name too long" },
    { Errno::NotImplemented, "ENOSYS", "Function not implemented" },
    { Errno::DirectoryNotEmpty, "ENOTEMPTY", "Directory not empty" },
    { Errno::TooManySymlinks, "ELOOP", "Too many levels of symbolic links" },
    { Errno::NotSupported, "EOPNOTSUPP", "Operation not supported" },
    { Errno::RestartSystemCall, "ERESTARTSYS", "Interrupted system call should be restarted" },
    { Errno::RestartAlways, "ERESTARTNOINTR", "Interrupted system call should be restarted" },
    { Errno::RestartUnlessHandled, "ERESTARTNOHAND", "Interrupted system call should be restarted" },
    { Errno::RestartWithBlock, "ERESTART_RESTARTBLOCK", "Interrupted system call should be restarted" },
};

const ErrnoText* find_text(Errno code)
{
    for (const auto& text : errno_texts) {
        if (text.code == code)
            return &text;
    }
    return nullptr;
}
} // namespace

StringView Error::description() const
{
    const ErrnoText* text = find_text(m_code);
    return text ? text->description : "Unknown error";
}

StringView Error::name() const
{
    const ErrnoText* text = find_text(m_code);
    return text ? text->name : "E?";
}

} // namespace kstd
