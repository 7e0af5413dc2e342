// UserMachine: the machine calls a UserMemory makes, behind an interface.
//
// In the kernel they are hal/user.hpp's user_space_create/destroy/unmapped and
// user_address_end (hal_user_machine()). Host unit tests pass a fake instead, which
// records every "unmapped" so a test can check that each removed or reduced mapping was
// reported (a missing TLB flush is a bug no other test would see), and which needs no
// stub process.
#pragma once
#include <hal/user.hpp>

namespace mm {

class UserMachine {
public:
    // false when the machine cannot make one (hal::user_space_create).
    virtual bool create_space(hal::UserSpace& space, uint64_t root) = 0;
    virtual void destroy_space(hal::UserSpace& space) = 0;
    // Core removed, or changed the protection of, the mappings in [start, start + length).
    virtual void unmapped(hal::UserSpace& space, uintptr_t start, size_t length) = 0;
    // The first address above user space (hal::user_address_end()).
    virtual uintptr_t address_end() const = 0;

protected:
    ~UserMachine() = default;
};

// The real machine: forwards to the hal::user_space_* functions.
UserMachine& hal_user_machine();

} // namespace mm
