# The user programs: every user/*.c is one program, compiled twice into static x86_64
# Linux executables, with musl (Debian's musl-gcc wrapper) as bin/NAME and with glibc
# (the host's gcc) as bin/NAME.glibc, under ${CMAKE_BINARY_DIR}/user. initramfs.cmake
# copies them into the archive's /bin. Both targets (the sim and x86_64) use the same
# archive, so the same binaries run everywhere, and on the host Linux as well.
#
# The flags stay those a learner would type: -O2 -static (gcc -static gives an ET_EXEC,
# not a static PIE). The host compilers are called directly, not through CMake's
# C compiler, whose flags belong to the kernel (freestanding, sanitizers).
#
# Sets KEEL_USER_PROGRAMS (every built file) and KEEL_USER_PROGRAM_DIR (their folder).
find_program(KEEL_MUSL_GCC musl-gcc)
find_program(KEEL_GLIBC_GCC gcc REQUIRED)
if(NOT KEEL_MUSL_GCC)
  message(FATAL_ERROR "musl-gcc not found: install Debian's musl-tools (./keel deps does)")
endif()

set(KEEL_USER_PROGRAM_DIR ${CMAKE_BINARY_DIR}/user/bin)
set(KEEL_USER_CFLAGS -O2 -static -Wall -Wextra)
file(GLOB user_program_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/user/*.c)
# Headers in user/ are shared by the programs: a change to one rebuilds them all.
file(GLOB user_program_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/user/*.h)
set(KEEL_USER_PROGRAMS)
foreach(source ${user_program_sources})
  get_filename_component(name ${source} NAME_WE)
  set(musl_output ${KEEL_USER_PROGRAM_DIR}/${name})
  set(glibc_output ${KEEL_USER_PROGRAM_DIR}/${name}.glibc)
  add_custom_command(OUTPUT ${musl_output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${KEEL_USER_PROGRAM_DIR}
    COMMAND ${KEEL_MUSL_GCC} ${KEEL_USER_CFLAGS} -o ${musl_output} ${source}
    DEPENDS ${source} ${user_program_headers} ${CMAKE_CURRENT_LIST_FILE}
    COMMENT "Building user program ${name} (musl)"
    VERBATIM)
  add_custom_command(OUTPUT ${glibc_output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${KEEL_USER_PROGRAM_DIR}
    COMMAND ${KEEL_GLIBC_GCC} ${KEEL_USER_CFLAGS} -o ${glibc_output} ${source}
    DEPENDS ${source} ${user_program_headers} ${CMAKE_CURRENT_LIST_FILE}
    COMMENT "Building user program ${name}.glibc (glibc)"
    VERBATIM)
  list(APPEND KEEL_USER_PROGRAMS ${musl_output} ${glibc_output})
endforeach()
# Everything above, for whoever needs the programs built (the initramfs, the unit tests).
add_custom_target(keel-user-programs DEPENDS ${KEEL_USER_PROGRAMS})
