// Keel's version, from the project version in CMakeLists.txt.
#pragma once
#include <kstd/string_view.hpp>

namespace kstd {
kstd::StringView keel_version();
} // namespace kstd
