// execve's arguments, copied in from the calling program before anything else happens.
//
// The path (PATH_MAX), then argv and envp: arrays of pointers ending with NULL (a NULL
// array counts as empty, as Linux allows), each string copied into one kernel buffer that
// grows as needed. Linux's limits answer E2BIG: at most MAX_ARGUMENT_STRINGS strings in
// each array, each at most MAX_ARGUMENT_STRING_SIZE bytes, all of them together (with a
// pointer each) at most MAX_ARGUMENT_BYTES. A bad pointer anywhere is EFAULT.
#pragma once
#include <kstd/result.hpp>
#include <kstd/string_view.hpp>
#include <proc/exec.hpp>
#include <stdint.h>

namespace syscalls {

class ExecArguments {
public:
    ExecArguments() = default;
    ~ExecArguments();
    ExecArguments(const ExecArguments&) = delete;
    ExecArguments& operator=(const ExecArguments&) = delete;

    kstd::Result<void> copy_in(uintptr_t path, uintptr_t arguments, uintptr_t environment);
    // Valid until this object goes.
    proc::ProgramArguments program() const;

private:
    kstd::Result<size_t> copy_array(uintptr_t array);
    kstd::Result<void> reserve(size_t bytes);

    // The strings, NUL-terminated, one after another: the path, argv's, envp's.
    char* m_strings = nullptr;
    size_t m_used = 0;
    size_t m_capacity = 0;
    // Views of them, made once the copying is done.
    kstd::StringView* m_views = nullptr;
    size_t m_argument_count = 0;
    size_t m_environment_count = 0;
    kstd::StringView m_path;
};

} // namespace syscalls
