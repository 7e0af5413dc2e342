// x86_64: the saved interrupt state is the RFLAGS value (only IF matters).
#pragma once
#include <stdint.h>

namespace hal {
struct IrqState {
    uint64_t rflags;
};
} // namespace hal
