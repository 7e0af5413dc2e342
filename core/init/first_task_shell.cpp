// The first task of the interactive images: a greeting and the shell, which works in this
// thread's file system context (current directory "/"). If there is no file system or no
// memory for the context, the shell still runs and its file commands say so.
#include <console/print.hpp>
#include <fs/kernel_fs.hpp>
#include <init/first_task.hpp>
#include <shell/shell.hpp>

void run_first_task()
{
    console::println("Type 'help' for the commands.");
    static shell::Shell shell(console::kernel_console());
    if (fs::is_initialized()) {
        auto files = fs::current();
        if (files.is_error())
            console::println("shell: no file system context: {}", files.error().description());
        else
            shell.use_files(*files.value());
    }
    shell.run();
}
