// The stack protector's failure path in the sim: a smashed stack is a kernel panic, as on
// x86_64 (hal/x86_64/runtime/cxx_runtime.cpp). The canary itself is glibc's; defined in
// the executable, this function takes precedence over glibc's, which would only abort.
#include <kstd/verify.hpp>

extern "C" [[noreturn]] void __stack_chk_fail()
{
    kstd::panic_at(__FILE__, __LINE__, "stack smashing detected");
}
