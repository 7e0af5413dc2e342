// The pieces of the C++ runtime a freestanding kernel must supply itself (the sim gets
// them from libgcc, libstdc++ and glibc):
//   __stack_chk_guard / __stack_chk_fail  the stack protector's canary (given a random
//       value by boot/entry64.S before any protected function runs) and its failure path;
//   __cxa_pure_virtual  called if a pure virtual function is ever reached;
//   atexit  where -fno-use-cxa-atexit registers destructors of function-local statics;
//       the kernel never exits, so they are never run.
#include <kstd/verify.hpp>
#include <stdint.h>

extern "C" {

uintptr_t __stack_chk_guard = 0;

[[noreturn]] void __stack_chk_fail()
{
    kstd::panic_at(__FILE__, __LINE__, "stack smashing detected");
}

[[noreturn]] void __cxa_pure_virtual()
{
    kstd::panic_at(__FILE__, __LINE__, "pure virtual function called");
}

int atexit(void (*)())
{
    return 0;
}

} // extern "C"
