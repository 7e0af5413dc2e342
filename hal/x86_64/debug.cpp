// hal/debug.hpp on x86_64: registers, frame-pointer stack walks and symbol names.
//
// Everything is compiled with frame pointers, so backtraces follow the saved-RBP chain
// (hal/x86_64_abi/frame_walk.hpp) while it stays inside the mapped higher half and keeps
// climbing the stack. Names come from the table that boot/generate_symbol_table.py links
// into the image (.ksymtab): entries sorted by address, each with its size (0 when
// unknown) and the offset of its demangled name.
#include <hal/debug.hpp>

#include "cpu_registers.hpp"
#include "layout.hpp"
#include "x86_64_abi/frame_walk.hpp"
#include "x86_64_abi/general_registers.hpp"

namespace {

struct SymbolEntry {
    uint64_t address;
    uint32_t size;
    uint32_t name_offset;
};
static_assert(sizeof(SymbolEntry) == 16);

} // namespace

extern "C" const uint64_t keel_symbol_count;
extern "C" const SymbolEntry keel_symbol_entries[];
extern "C" const char keel_symbol_names[];

namespace hal {
namespace {

bool is_inside(uintptr_t address, uintptr_t start, uintptr_t end)
{
    return address >= start && address <= end - x86::FRAME_RECORD_SIZE;
}

// Whether a frame record at `frame_pointer` lies wholly inside a place stacks live: the
// image's data (the boot and IST stacks) or the kernel window (core's kernel stacks).
// Known gap: a corrupt frame pointer into an unmapped part of the window faults during
// the report, which then ends as a nested panic without its backtrace.
bool is_plausible_frame(uintptr_t frame_pointer)
{
    return is_inside(frame_pointer, reinterpret_cast<uintptr_t>(__data_start),
                     reinterpret_cast<uintptr_t>(__data_end))
        || is_inside(frame_pointer, x86::KERNEL_WINDOW_BASE,
                     x86::KERNEL_WINDOW_BASE + x86::KERNEL_WINDOW_LENGTH);
}

} // namespace

// Reports the registers as they are at the call site: RBP, RSP and RIP are the caller's.
[[gnu::noinline]] void capture_registers(RegisterSet& registers)
{
    x86::GeneralRegisters captured;
    x86::read_general_registers(captured);
    x86::read_caller_frame(captured);
    captured.values[x86::GeneralRegisters::Rflags] = x86::read_rflags();
    uint16_t code_segment;
    asm volatile("movw %%cs, %0" : "=r"(code_segment));

    captured.to_register_set(registers);
    static_assert(x86::GeneralRegisters::Count + 2 <= RegisterSet::MAX_REGISTERS);
    registers.registers[registers.count++] = { "CS", code_segment };
    registers.registers[registers.count++] = { "CR3", x86::read_cr3() };
}

size_t backtrace(uintptr_t frame_pointer, uintptr_t* return_addresses, size_t max)
{
    return x86::walk_frames(frame_pointer, return_addresses, max, is_plausible_frame);
}

bool symbolize(uintptr_t address, Symbol& symbol)
{
    if (address < reinterpret_cast<uintptr_t>(__text_start)
        || address >= reinterpret_cast<uintptr_t>(__text_end))
        return false;
    // The last entry that starts at or below `address`.
    size_t low = 0;
    size_t high = keel_symbol_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (keel_symbol_entries[middle].address <= address)
            low = middle + 1;
        else
            high = middle;
    }
    if (low == 0)
        return false;
    const SymbolEntry& entry = keel_symbol_entries[low - 1];
    uintptr_t offset = address - entry.address;
    if (entry.size != 0 && offset >= entry.size)
        return false;
    symbol.name = keel_symbol_names + entry.name_offset;
    symbol.offset = offset;
    return true;
}

} // namespace hal
