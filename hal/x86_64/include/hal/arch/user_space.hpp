// x86_64: a user address space as the CPU runs it is just its page-table root (CR3).
#pragma once
#include <stdint.h>

namespace hal {
struct UserSpace {
    uint64_t root = 0;
};
} // namespace hal
