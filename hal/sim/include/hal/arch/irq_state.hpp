// sim: the "interrupt flag" is a variable, so the saved state is that flag's old value.
#pragma once

namespace hal {
struct IrqState {
    bool enabled;
};
} // namespace hal
