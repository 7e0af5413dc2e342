# Code-generation rules for kernel code on bare metal:
# - freestanding C++20: no exceptions, no RTTI, no thread-safe statics, no atexit;
# - no red zone (interrupts push onto the current stack), no SSE/x87 (their state is not
#   saved on interrupt entry), kernel code model (the image lives in the top 2 GiB);
# - frame pointers kept for the panic backtrace;
# - a stack protector that uses the global __stack_chk_guard (there is no TLS) and a real
#   __stack_chk_fail that panics.
set(KEEL_KERNEL_FLAGS
  -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit
  -fno-asynchronous-unwind-tables -mno-red-zone -mgeneral-regs-only -mcmodel=kernel
  -fno-pic -fno-pie -fno-omit-frame-pointer -fstack-protector-strong
  -mstack-protector-guard=global -fno-stack-clash-protection -fcf-protection=none)
add_compile_options("$<$<COMPILE_LANGUAGE:CXX,C>:${KEEL_KERNEL_FLAGS}>")
add_compile_options("$<$<COMPILE_LANGUAGE:ASM>:-fno-pic;-fno-pie>")
add_compile_options(-g)
set(KEEL_KERNEL_LINK_FLAGS -nostdlib -static -no-pie -Wl,-z,max-page-size=0x1000
  -Wl,--build-id=none -Wl,-z,noexecstack)
