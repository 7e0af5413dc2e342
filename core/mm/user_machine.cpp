// The real UserMachine: hal/user.hpp's functions (see user_machine.hpp).
#include <mm/user_machine.hpp>

namespace mm {
namespace {

class HalUserMachine final : public UserMachine {
public:
    bool create_space(hal::UserSpace& space, uint64_t root) override { return hal::user_space_create(space, root); }
    void destroy_space(hal::UserSpace& space) override { hal::user_space_destroy(space); }
    void unmapped(hal::UserSpace& space, uintptr_t start, size_t length) override
    {
        hal::user_space_unmapped(space, start, length);
    }
    uintptr_t address_end() const override { return hal::user_address_end(); }
};

} // namespace

UserMachine& hal_user_machine()
{
    static HalUserMachine machine;
    return machine;
}

} // namespace mm
