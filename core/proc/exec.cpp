// execve and spawn_program (see exec.hpp): the executable's checks, "#!" scripts, and
// the switch to the new image.
#include <fs/context.hpp>
#include <fs/kernel_fs.hpp>
#include <hal/memory.hpp>
#include <log/log.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/user_memory.hpp>
#include <proc/elf.hpp>
#include <proc/exec.hpp>
#include <proc/signals.hpp>
#include <proc/exit.hpp>
#include <proc/image_loader.hpp>
#include <proc/process_internal.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>

namespace proc {
namespace {

// Linux follows at most this many "#!" interpreters in a row (then ELOOP).
constexpr int INTERPRETER_DEPTH_MAX = 4;

// An executable opened for exec, closed when it goes out of scope.
class OpenExecutable {
public:
    OpenExecutable(fs::Context& files, int fd) : m_files(files), m_fd(fd) {}
    ~OpenExecutable() { (void)m_files.close(m_fd); }
    OpenExecutable(const OpenExecutable&) = delete;
    OpenExecutable& operator=(const OpenExecutable&) = delete;
    int fd() const { return m_fd; }

private:
    fs::Context& m_files;
    int m_fd;
};

// A regular file with an execute bit (uid 0 may run a file any x bit allows, as on Linux).
kstd::Result<int> open_executable(fs::Context& files, kstd::StringView path)
{
    int fd = TRY(files.open(path, fs::open_flags::READ_ONLY));
    auto status = files.fstat(fd);
    if (status.is_error()) {
        (void)files.close(fd);
        return status.error();
    }
    if (fs::file_type_of(status.value().mode) != fs::FileType::Regular || (status.value().mode & 0111) == 0) {
        (void)files.close(fd);
        return kstd::Errno::PermissionDenied;
    }
    return fd;
}

kstd::StringView base_name(kstd::StringView path)
{
    size_t start = 0;
    for (size_t i = 0; i < path.size(); ++i)
        if (path[i] == '/')
            start = i + 1;
    return path.substring(start);
}

kstd::Result<LoadedImage> load(fs::Context& files, const ProgramArguments& program,
                               kstd::StringView executable_path, int depth);

// "#!interpreter [argument]": load the interpreter with argv = interpreter, [argument],
// the script's path, then the script's own arguments after argv[0].
kstd::Result<LoadedImage> load_script(fs::Context& files, const ProgramArguments& program,
                                      kstd::StringView executable_path, const char* head,
                                      size_t head_length, int depth)
{
    if (depth >= INTERPRETER_DEPTH_MAX)
        return kstd::Errno::TooManySymlinks;
    elf::InterpreterLine line = TRY(elf::parse_interpreter_line(head, head_length));
    size_t kept = program.arguments.size() > 0 ? program.arguments.size() - 1 : 0;
    size_t count = (line.has_argument ? 3 : 2) + kept;
    auto* arguments = static_cast<kstd::StringView*>(mm::kmalloc(count * sizeof(kstd::StringView)));
    if (!arguments)
        return kstd::Errno::OutOfMemory;
    size_t next = 0;
    arguments[next++] = line.interpreter;
    if (line.has_argument)
        arguments[next++] = line.argument;
    arguments[next++] = program.path;
    for (size_t i = 0; i < kept; ++i)
        arguments[next++] = program.arguments[i + 1];
    ProgramArguments interpreted { line.interpreter, { arguments, count }, program.environment };
    auto loaded = load(files, interpreted, executable_path, depth + 1);
    mm::kfree(arguments);
    return loaded;
}

kstd::Result<LoadedImage> load(fs::Context& files, const ProgramArguments& program,
                               kstd::StringView executable_path, int depth)
{
    OpenExecutable executable(files, TRY(open_executable(files, program.path)));
    char head[elf::INTERPRETER_LINE_MAX] = {};
    size_t head_length = TRY(files.read(executable.fd(), { reinterpret_cast<uint8_t*>(head), sizeof head }));
    if (head_length >= 2 && head[0] == '#' && head[1] == '!')
        return load_script(files, program, executable_path, head, head_length, depth);
    if (!elf::has_elf_magic(head, head_length))
        return kstd::Errno::ExecFormatError;
    LoadedImage image = TRY(load_elf(files, executable.fd(), program, executable_path));
    fs::VfsLocker locked(files.vfs());
    (void)files.describe_descriptor(executable.fd(), image.executable_path);
    return image;
}

void record_command_line(Process& process, const ProgramArguments& program)
{
    process.name.clear(); // write() appends: a second exec renames, as Linux sets comm anew
    process.name.write(base_name(program.path));
    size_t length = 0;
    for (kstd::StringView argument : program.arguments) {
        for (size_t i = 0; i < argument.size() && length < COMMAND_LINE_KEPT; ++i)
            process.command_line[length++] = argument[i];
        if (length < COMMAND_LINE_KEPT)
            process.command_line[length++] = '\0';
    }
    process.command_line_length = length;
}

// The point of no return: the process lets go of its old image and runs the new one.
void switch_image(Process& process, UserThread& thread, const LoadedImage& image)
{
    release_memory_of_current();
    process.memory = image.memory;
    {
        ksync::InterruptGuard guard;
        sched::current().page_table_root = image.memory->root();
        hal::mmu_activate(image.memory->root());
    }
    thread.registers = initial_registers(image);
    hal::user_fpu_reset(thread.fpu);
    thread.clear_child_tid = 0;
}

} // namespace

kstd::Result<void> exec_current(UserThread& caller, const ProgramArguments& program)
{
    Process& process = *caller.process;
    LoadedImage image = TRY(load(*process.files, program, program.path, 0));
    switch_image(process, caller, image);
    process.files->close_on_exec();
    reset_signal_state_for_exec(process.signals);
    record_command_line(process, program);
    process.executable_path = image.executable_path;
    return {};
}

// The descriptors a program the shell starts begins with (see spawn_program).
kstd::Result<void> open_standard_files(fs::Context& files, kstd::StringView console_path, int standard_output)
{
    for (int fd = 0; fd < fs::Context::OPEN_MAX; ++fd)
        if (fd != standard_output)
            (void)files.close(fd);
    if (standard_output >= 0 && standard_output < 3) { // out of the way of 0, 1 and 2
        int moved = TRY(files.fcntl(standard_output, fs::fcntl_commands::DUPLICATE, 3));
        TRY(files.close(standard_output));
        standard_output = moved;
    }
    for (int fd = 0; fd < 3; ++fd)
        TRY(files.open(console_path, fs::open_flags::READ_WRITE));
    if (standard_output >= 0) {
        TRY(files.dup2(standard_output, 1));
        TRY(files.close(standard_output));
    }
    return {};
}

namespace {

kstd::Result<uint32_t> start_program(const ProgramArguments& program, fs::Context& parent_files,
                                     kstd::StringView console_path, int standard_output, bool as_init)
{
    Process* process = TRY(create_process(kernel_process()));
    process->is_init = as_init;
    process->signals.unkillable = as_init;
    auto started = [&]() -> kstd::Result<uint32_t> {
        process->files = TRY(parent_files.fork());
        TRY(open_standard_files(*process->files, console_path, standard_output));
        LoadedImage image = TRY(load(*process->files, program, program.path, 0));
        process->memory = image.memory;
        record_command_line(*process, program);
        process->executable_path = image.executable_path;
        UserThread start;
        start.registers = initial_registers(image);
        hal::user_fpu_reset(start.fpu);
        return start_user_thread(*process, start, sched::HIGHEST_USER_PRIORITY);
    }();
    if (started.is_error()) {
        if (process->memory)
            mm::UserMemory::destroy(process->memory);
        process->memory = nullptr;
        mm::destroy(process->files);
        process->files = nullptr;
        free_process(process);
    }
    return started;
}

} // namespace

kstd::Result<uint32_t> spawn_program(const ProgramArguments& program, fs::Context& parent_files,
                                     kstd::StringView console_path, int standard_output)
{
    return start_program(program, parent_files, console_path, standard_output, false);
}

kstd::Result<uint32_t> start_init(const ProgramArguments& program, fs::Context& kernel_files)
{
    VERIFY(!init_process());
    return start_program(program, kernel_files, "/dev/console", -1, true);
}

} // namespace proc
