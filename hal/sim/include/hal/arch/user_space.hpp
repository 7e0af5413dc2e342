// sim: a user address space is a traced stub process whose memory mirrors core's tables
// (see hal/sim/user_space.cpp).
#pragma once
#include <stdint.h>

namespace hal {
struct UserSpace {
    uint64_t root = 0;
    int stub_pid = -1; // the host process that runs the program, -1 when none
};
} // namespace hal
