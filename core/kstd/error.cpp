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
    { Errno::EPERM, "EPERM", "Operation not permitted" },
    { Errno::ENOENT, "ENOENT", "No such file or directory" },
    { Errno::EIO, "EIO", "Input/output error" },
    { Errno::E2BIG, "E2BIG", "Argument list too long" },
    { Errno::EBADF, "EBADF", "Bad file descriptor" },
    { Errno::EAGAIN, "EAGAIN", "Resource temporarily unavailable" },
    { Errno::ENOMEM, "ENOMEM", "Cannot allocate memory" },
    { Errno::EFAULT, "EFAULT", "Bad address" },
    { Errno::EBUSY, "EBUSY", "Device or resource busy" },
    { Errno::EEXIST, "EEXIST", "File exists" },
    { Errno::EXDEV, "EXDEV", "Invalid cross-device link" },
    { Errno::ENODEV, "ENODEV", "No such device" },
    { Errno::ENOTDIR, "ENOTDIR", "Not a directory" },
    { Errno::EISDIR, "EISDIR", "Is a directory" },
    { Errno::EINVAL, "EINVAL", "Invalid argument" },
    { Errno::ENOSPC, "ENOSPC", "No space left on device" },
    { Errno::ERANGE, "ERANGE", "Numerical result out of range" },
    { Errno::ENAMETOOLONG, "ENAMETOOLONG", "File name too long" },
    { Errno::ENOSYS, "ENOSYS", "Function not implemented" },
    { Errno::ENOTEMPTY, "ENOTEMPTY", "Directory not empty" },
    { Errno::ELOOP, "ELOOP", "Too many levels of symbolic links" },
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
