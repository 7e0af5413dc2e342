// Keel's version, from the project version in CMakeLists.txt, and the names uname(2) and
// /proc/version give the kernel (one source for both, so that `uname -sr` and the first
// words of /proc/version agree, as tools that parse either expect).
#pragma once
#include <kstd/format.hpp>
#include <kstd/string_view.hpp>

namespace kstd {
kstd::StringView keel_version();

// uname -s and uname -v.
inline constexpr StringView KERNEL_NAME = "Keel";
inline constexpr StringView KERNEL_BUILD = "#1 Keel";
// uname -r: Linux-shaped ("6.1.0-keel-0.13.0"), since glibc refuses to start on a kernel
// whose release reads older than 3.2.
void write_kernel_release(Writer& out);
} // namespace kstd
