// Loading an ELF executable into a fresh address space (exec's second half).
//
// load_elf() checks the file (elf.hpp), makes a new mm::UserMemory, copies each PT_LOAD
// segment's file bytes into anonymous private memory with the segment's protection (the
// rest of the segment is zero), puts the heap's start just above the image and lays out
// the initial stack (initial_stack.hpp) below the top of user space. Nothing of the
// calling process changes; on any error the new memory is freed.
#pragma once
#include <hal/user.hpp>
#include <kstd/fixed_string.hpp>
#include <kstd/result.hpp>
#include <proc/exec.hpp>

namespace fs {
class Context;
}
namespace mm {
class UserMemory;
}

namespace proc {

struct LoadedImage {
    mm::UserMemory* memory = nullptr;
    uint64_t entry = 0;
    uint64_t stack_pointer = 0;
    // The absolute path of the ELF file loaded (a script's interpreter's), for
    // /proc/<pid>/exe; cut at its capacity.
    kstd::FixedString<255> executable_path;
};

// Where a position-independent executable goes (Linux's ELF_ET_DYN_BASE: two thirds of
// the way up user space); Keel does not randomize it.
uint64_t position_independent_base();
// How far the stack may grow (RLIMIT_STACK's default, 8 MiB).
inline constexpr uint64_t STACK_LIMIT = 8 * 1024 * 1024;

// Loads the ELF file open at `fd` of `files` for `program`; `executable_path` is
// AT_EXECFN (the path execve was given, which for a script is the script's).
kstd::Result<LoadedImage> load_elf(fs::Context& files, int fd, const ProgramArguments& program,
                                   kstd::StringView executable_path);
// The registers a loaded program starts with: rip at its entry, rsp at argc, interrupts
// on, everything else zero (rdx too: no exit function for the program to register).
hal::UserRegisters initial_registers(const LoadedImage& image);

} // namespace proc
