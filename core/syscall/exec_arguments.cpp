// Copying execve's path, argv and envp in (see exec_arguments.hpp).
#include <fs/types.hpp>
#include <mm/heap/kmalloc.hpp>
#include <proc/initial_stack.hpp>
#include <proc/user_copy.hpp>
#include <syscall/exec_arguments.hpp>

namespace syscalls {
namespace {

constexpr size_t FIRST_CAPACITY = 4096;

} // namespace

ExecArguments::~ExecArguments()
{
    mm::kfree(m_strings);
    mm::kfree(m_views);
}

kstd::Result<void> ExecArguments::reserve(size_t bytes)
{
    if (m_capacity - m_used >= bytes)
        return {};
    size_t capacity = m_capacity ? m_capacity : FIRST_CAPACITY;
    while (capacity - m_used < bytes)
        capacity *= 2;
    auto* grown = static_cast<char*>(mm::kmalloc(capacity));
    if (!grown)
        return kstd::Errno::OutOfMemory;
    if (m_strings)
        __builtin_memcpy(grown, m_strings, m_used);
    mm::kfree(m_strings);
    m_strings = grown;
    m_capacity = capacity;
    return {};
}

// Copies the strings of one NULL-ended array; returns how many there were.
kstd::Result<size_t> ExecArguments::copy_array(uintptr_t array)
{
    if (array == 0)
        return 0u;
    size_t count = 0;
    while (true) {
        uintptr_t pointer = TRY(proc::read_user<uintptr_t>(array + count * sizeof(uintptr_t)));
        if (pointer == 0)
            return count;
        if (count >= proc::MAX_ARGUMENT_STRINGS)
            return kstd::Errno::ArgumentListTooLong;
        TRY(reserve(proc::MAX_ARGUMENT_STRING_SIZE)); // room for the longest string allowed
        size_t length = TRY(proc::copy_string_from_user(m_strings + m_used, pointer, proc::MAX_ARGUMENT_STRING_SIZE,
                                                        kstd::Errno::ArgumentListTooLong));
        m_used += length + 1;
        ++count;
        // The strings and a pointer for each, against Linux's total.
        if (m_used + (m_argument_count + count) * sizeof(uintptr_t) > proc::MAX_ARGUMENT_BYTES)
            return kstd::Errno::ArgumentListTooLong;
    }
}

kstd::Result<void> ExecArguments::copy_in(uintptr_t path, uintptr_t arguments, uintptr_t environment)
{
    TRY(reserve(fs::PATH_LENGTH_MAX));
    size_t path_length = TRY(proc::copy_string_from_user(m_strings, path, fs::PATH_LENGTH_MAX, kstd::Errno::NameTooLong));
    if (path_length == 0)
        return kstd::Errno::NoSuchEntry;
    m_used = path_length + 1;
    m_argument_count = TRY(copy_array(arguments));
    m_environment_count = TRY(copy_array(environment));

    m_views = static_cast<kstd::StringView*>(mm::kmalloc((m_argument_count + m_environment_count + 1) * sizeof(kstd::StringView)));
    if (!m_views)
        return kstd::Errno::OutOfMemory;
    const char* next = m_strings;
    auto take = [&next]() {
        kstd::StringView view(next, __builtin_strlen(next));
        next += view.size() + 1;
        return view;
    };
    m_path = take();
    for (size_t i = 0; i < m_argument_count + m_environment_count; ++i)
        m_views[i] = take();
    return {};
}

proc::ProgramArguments ExecArguments::program() const
{
    return {
        m_path,
        { m_views, m_argument_count },
        { m_views + m_argument_count, m_environment_count },
    };
}

} // namespace syscalls
