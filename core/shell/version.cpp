// KEEL_VERSION_STRING is defined for this file alone by core/CMakeLists.txt.
#include <shell/version.hpp>

namespace shell {
kstd::StringView keel_version()
{
    return KEEL_VERSION_STRING;
}
} // namespace shell
