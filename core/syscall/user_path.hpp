// A path a program passed, copied into the kernel (at most PATH_MAX bytes with its NUL,
// else ENAMETOOLONG; EFAULT for a bad pointer). The buffer comes from the heap, not the
// kernel stack, since some calls take two.
#pragma once
#include <fs/types.hpp>
#include <kstd/result.hpp>
#include <kstd/string_view.hpp>
#include <mm/heap/kmalloc.hpp>
#include <proc/user_copy.hpp>

namespace syscalls {

class UserPath {
public:
    UserPath() = default;
    ~UserPath() { mm::kfree(m_buffer); }
    UserPath(const UserPath&) = delete;
    UserPath& operator=(const UserPath&) = delete;

    kstd::Result<kstd::StringView> copy_in(uintptr_t address)
    {
        if (!m_buffer)
            m_buffer = static_cast<char*>(mm::kmalloc(fs::PATH_LENGTH_MAX));
        if (!m_buffer)
            return kstd::Errno::OutOfMemory;
        size_t length = TRY(proc::copy_string_from_user(m_buffer, address, fs::PATH_LENGTH_MAX,
                                                        kstd::Errno::NameTooLong));
        return kstd::StringView(m_buffer, length);
    }

private:
    char* m_buffer = nullptr;
};

} // namespace syscalls
