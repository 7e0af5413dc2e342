// sim: a user address space is a traced stub process whose memory mirrors core's tables
// (see hal/sim/user_stub.cpp and hal/sim/user_mode.cpp).
#pragma once
#include <stdint.h>

namespace sim {
struct UserStub;
}

namespace hal {
struct UserSpace {
    uint64_t root = 0;
    sim::UserStub* stub = nullptr; // the host process that runs the program, null when none
};
} // namespace hal
