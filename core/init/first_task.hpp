// The first task: what kernel_main runs once the machine and the core are up.
//
// Each kernel image links exactly one definition: first_task_shell.cpp (the interactive
// shell) in keel.elf and keel-sim, tests/kernel/first_task_ktest.cpp (the in-kernel test
// runner) in the test images.
#pragma once

[[noreturn]] void run_first_task();
