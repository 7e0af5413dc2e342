// KEEL_VERSION_STRING is defined for this file alone by core/CMakeLists.txt.
#include <kstd/version.hpp>

namespace kstd {
kstd::StringView keel_version()
{
    return KEEL_VERSION_STRING;
}

void write_kernel_release(Writer& out)
{
    format_to(out, "6.1.0-keel-{}", keel_version());
}
} // namespace kstd
