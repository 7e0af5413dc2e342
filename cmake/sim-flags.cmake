# Flags for the sim: the core is compiled with the same language rules as on bare metal
# (no exceptions, no RTTI) but as an ordinary hosted program, with frame pointers for
# backtraces, the same stack protector as the kernel (its failure path is a kernel panic,
# hal/sim/stack_protector.cpp) and, in the sim-asan / sim-tsan presets, the sanitizers.
add_compile_options(-fno-omit-frame-pointer -g -fstack-protector-strong)
if(KEEL_SANITIZE)
  add_compile_options(-fsanitize=${KEEL_SANITIZE} -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${KEEL_SANITIZE})
endif()
set(KEEL_CORE_LANGUAGE_FLAGS -fno-exceptions -fno-rtti)
