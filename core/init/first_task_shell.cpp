// The first task of the interactive images: a greeting and the shell.
#include <console/print.hpp>
#include <init/first_task.hpp>
#include <shell/shell.hpp>

void run_first_task()
{
    console::println("Type 'help' for the commands.");
    static shell::Shell shell(console::kernel_console());
    shell.run();
}
