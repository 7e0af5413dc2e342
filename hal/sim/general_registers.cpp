// Naming the general registers for a hal::RegisterSet (see general_registers.hpp).
#include "general_registers.hpp"

namespace sim {

namespace {
constexpr const char* REGISTER_NAMES[GeneralRegisters::Count] = {
    "RAX", "RBX", "RCX", "RDX", "RSI", "RDI",
    "R8",  "R9",  "R10", "R11", "R12", "R13", "R14", "R15",
    "RBP", "RSP", "RIP", "RFLAGS",
};
static_assert(GeneralRegisters::Count <= hal::RegisterSet::MAX_REGISTERS);
} // namespace

void GeneralRegisters::to_register_set(hal::RegisterSet& registers) const
{
    for (size_t index = 0; index < Count; ++index)
        registers.registers[index] = { REGISTER_NAMES[index], values[index] };
    registers.count = Count;
    registers.instruction_pointer = values[Rip];
    registers.frame_pointer = values[Rbp];
}

} // namespace sim
