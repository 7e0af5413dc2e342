// TEMPORARY, until the sim HAL implements hal/user.hpp (branch sim-user): just enough of
// it for keel-unit-tests to link, since core/mm/user_machine.cpp calls these. The unit
// tests never call them (they give UserMemory a fake UserMachine). Delete this file when
// sim-user is merged, or the link fails on duplicate definitions.
#include <hal/user.hpp>
#include <kstd/verify.hpp>

namespace hal {

bool user_space_create(UserSpace&, uint64_t)
{
    VERIFY_NOT_REACHED();
}

void user_space_destroy(UserSpace&)
{
    VERIFY_NOT_REACHED();
}

void user_space_unmapped(UserSpace&, uintptr_t, size_t)
{
    VERIFY_NOT_REACHED();
}

uintptr_t user_address_end()
{
    VERIFY_NOT_REACHED();
}

} // namespace hal
