// What a panic report needs in the sim: registers, a frame-pointer walk, symbol names.
//
// Everything is compiled with frame pointers (cmake/sim-flags.cmake), so the walk follows
// saved-RBP links (hal/x86_64_abi/frame_walk.hpp), staying inside the one known stack
// (stack_registry.hpp) it started on. Names come from the executable's own symbol table
// (own_symbols.hpp) or, for shared libraries, from dladdr1(), and are demangled once into
// a static arena, because hal::Symbol names must outlive the call.
#include "own_symbols.hpp"
#include "stack_registry.hpp"
#include "x86_64_abi/frame_walk.hpp"
#include "x86_64_abi/general_registers.hpp"

#include <hal/debug.hpp>

#include <cstdlib>
#include <cstring>
#include <cxxabi.h>
#include <dlfcn.h>
#include <link.h>

namespace {

// Demangled names, kept for the life of the process. Symbolizing happens on the CPU
// thread only (panic reports), so this needs no lock.
class NameArena {
public:
    const char* readable_name(const char* mangled)
    {
        for (size_t index = 0; index < m_count; ++index)
            if (m_entries[index].mangled == mangled)
                return m_entries[index].readable;
        const char* readable = demangle_into_arena(mangled);
        if (m_count < MAX_ENTRIES)
            m_entries[m_count++] = { mangled, readable };
        return readable;
    }

private:
    static constexpr size_t MAX_ENTRIES = 512;
    static constexpr size_t ARENA_BYTES = 64 * 1024;

    // Falls back to the mangled name (which lives as long as the program) when the name
    // is not a C++ one or the arena is full.
    const char* demangle_into_arena(const char* mangled)
    {
        int status = 0;
        char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
        if (status != 0 || !demangled)
            return mangled;
        size_t length = strlen(demangled) + 1;
        const char* result = mangled;
        if (m_used + length <= ARENA_BYTES) {
            result = static_cast<const char*>(memcpy(m_arena + m_used, demangled, length));
            m_used += length;
        }
        free(demangled);
        return result;
    }

    struct Entry {
        const char* mangled;
        const char* readable;
    };
    Entry m_entries[MAX_ENTRIES];
    size_t m_count = 0;
    char m_arena[ARENA_BYTES];
    size_t m_used = 0;
};

NameArena name_arena;

} // namespace

namespace hal {

[[gnu::noinline]] void capture_registers(RegisterSet& registers)
{
    x86::GeneralRegisters captured;
    x86::read_general_registers(captured);
    x86::read_caller_frame(captured);
    asm volatile("pushfq\n\tpopq %0" : "=r"(captured.values[x86::GeneralRegisters::Rflags]));
    captured.to_register_set(registers);
}

// Frame links are not something ASan poisons, but a walk through an abandoned stack must
// not trip over poisoning that was left on it either.
[[gnu::no_sanitize_address]] size_t backtrace(uintptr_t frame_pointer, uintptr_t* return_addresses,
                                               size_t max)
{
    sim::StackRange stack;
    if (!sim::find_stack(frame_pointer, stack))
        return 0;
    return hal::x86::walk_frames(frame_pointer, return_addresses, max, [&stack](uintptr_t frame) {
        return stack.contains(frame) && stack.contains(frame + hal::x86::FRAME_RECORD_SIZE - 1);
    });
}

// Names the function that contains `address` exactly (core asks about return address - 1):
// from the executable's full symbol table, else (shared libraries) from dladdr().
bool symbolize(uintptr_t address, Symbol& symbol)
{
    const char* mangled_name = nullptr;
    uintptr_t start = 0;
    if (sim::find_own_symbol(address, mangled_name, start)) {
        symbol.name = name_arena.readable_name(mangled_name);
        symbol.offset = address - start;
        return true;
    }
    Dl_info info {};
    void* symbol_entry = nullptr;
    if (address == 0
        || dladdr1(reinterpret_cast<void*>(address), &info, &symbol_entry, RTLD_DL_SYMENT) == 0
        || !info.dli_sname || !info.dli_saddr)
        return false;
    start = reinterpret_cast<uintptr_t>(info.dli_saddr);
    auto* elf_symbol = static_cast<const ElfW(Sym)*>(symbol_entry);
    if (elf_symbol && elf_symbol->st_size != 0 && address >= start + elf_symbol->st_size)
        return false; // in a function that is not in the dynamic symbol table
    symbol.name = name_arena.readable_name(info.dli_sname);
    symbol.offset = address - start;
    return true;
}

} // namespace hal
