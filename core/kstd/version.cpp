// KEEL_VERSION_STRING is defined for this file alone by core/CMakeLists.txt.
#include <kstd/version.hpp>

namespace kstd {
kstd::StringView keel_version()
{
    return KEEL_VERSION_STRING;
}
} // namespace kstd
