// The first task of the test images: run the in-kernel tests and report the verdict to the
// machine (isa-debug-exit in QEMU, the exit status in the sim). "ktest=NAME" on the
// kernel command line runs one case only.
#include <cmdline/cmdline.hpp>
#include <hal/power.hpp>
#include <init/first_task.hpp>
#include <ktest/ktest.hpp>

void run_first_task()
{
    bool passed = ktest::run_all(cmdline::option("ktest"));
    hal::test_exit(passed);
}
