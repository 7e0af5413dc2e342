// What procfs asks about processes: the hook core/proc registers at boot.
//
// procfs lives in core/fs, a floor below core/proc, so it cannot look at a Process. It
// asks a ProcessSource instead, one process (or one memory region) at a time, and gets
// plain copies it can format once nothing is held: the files /proc/<pid>/stat, status,
// cmdline and maps, the links in /proc/<pid>/fd, the link /proc/self and the pids in the
// root's listing (proc_process_files.cpp does the formatting, in Linux's layouts). core/proc implements
// the source (proc_files.cpp) and registers it with set_process_source(); host tests
// register a fake. Without a source procfs shows the thread folders only, and no
// /proc/self.
//
// Every call takes what it needs under the process table's protection and returns; a
// process may end between two calls (then the next call says there is no such process).
#pragma once
#include <kstd/fixed_string.hpp>
#include <kstd/format.hpp>
#include <kstd/optional.hpp>
#include <kstd/span.hpp>
#include <stddef.h>
#include <stdint.h>

namespace fs {

// A snapshot of one process: what /proc/<pid>/stat and status show.
struct ProcProcess {
    uint32_t pid = 0;
    uint32_t parent_pid = 0; // 0 for the kernel process (pid 0) and init, as on Linux
    uint32_t process_group = 0;
    uint32_t session = 0;
    char state = 'S';              // Linux's letter: 'R' (running or ready), 'S', 'T', 'Z'
    kstd::FixedString<15> name;    // comm
    bool kernel = false;           // the kernel process: no memory, PF_KTHREAD
    uint32_t umask = 0022;
    uint32_t uid[4] {};            // real, effective, saved, file system
    uint32_t gid[4] {};
    uint64_t thread_count = 0;
    uint64_t user_cpu_ns = 0;      // ticks that found its threads in user mode
    uint64_t system_cpu_ns = 0;    // and the other ticks they ran
    uint64_t start_ns = 0;         // since boot
    uint64_t memory_bytes = 0;     // VmSize (0 without memory, e.g. a zombie)
    uint64_t resident_bytes = 0;   // VmRSS
    int exit_code = 0;             // a zombie's wait status (stat's last field)
    uint32_t terminal_device = 0;  // its controlling terminal's device number (tty_nr), or 0
    int32_t terminal_group = -1;   // and that terminal's foreground group (tpgid), or -1
    // Signal sets, bit (signal - 1): pending, blocked, ignored, caught by a handler.
    uint64_t signals_pending = 0, signals_blocked = 0, signals_ignored = 0, signals_caught = 0;
};

// One region of a process's memory, for /proc/<pid>/maps.
struct ProcRegion {
    uint64_t start = 0, end = 0;
    bool read = false, write = false, execute = false, shared = false;
    uint64_t file_offset = 0;
    uint32_t device_major = 0, device_minor = 0;
    uint64_t inode = 0;
    // The file's path, "[heap]" or "[stack]", or empty for anonymous memory.
    kstd::FixedString<255> path;
};

// One open descriptor of a process, for /proc/<pid>/fd.
struct ProcDescriptor {
    int fd = 0;
    uint32_t access_mode = 0; // open_flags::READ_ONLY, WRITE_ONLY or READ_WRITE
};

class ProcessSource {
public:
    // The pid of the process (zombies included) with the lowest pid at or above `pid`.
    virtual kstd::Optional<uint32_t> next_pid(uint32_t pid) = 0;
    // The process with this pid, if there is one.
    virtual kstd::Optional<ProcProcess> process(uint32_t pid) = 0;
    // The pid of the process of the thread that asks (a kernel thread's is 1).
    virtual uint32_t caller_pid() = 0;
    // Copies up to buffer.size() bytes of the command line (the arguments, each ended by
    // a NUL) and returns how many; nothing when there is no such process. Empty for the
    // kernel process and a zombie.
    virtual kstd::Optional<size_t> command_line(uint32_t pid, kstd::Span<char> buffer) = 0;
    // The lowest region of the process that ends above `address`; nothing when there is
    // none (or no such process, or no memory).
    virtual kstd::Optional<ProcRegion> region_above(uint32_t pid, uint64_t address) = 0;
    // Copies up to buffer.size() bytes of the absolute path of the process's program
    // (/proc/<pid>/exe) and returns how many; 0 when it has none (the kernel process, a
    // zombie), nothing when there is no such process.
    virtual kstd::Optional<size_t> executable_path(uint32_t pid, kstd::Span<char> buffer) = 0;
    // The lowest open descriptor of the process at or above `fd`; nothing when there is
    // none (or no such process, or it has no descriptor table: the kernel, a zombie).
    // Called with the Vfs's lock held, as the next one.
    virtual kstd::Optional<ProcDescriptor> next_descriptor(uint32_t pid, int fd) = 0;
    // Writes what /proc/<pid>/fd/<fd> reads (Context::describe_descriptor: "/tmp/x",
    // "pipe:[42]") into `out`; false when there is no such process or descriptor.
    virtual bool describe_descriptor(uint32_t pid, int fd, kstd::Writer& out) = 0;

protected:
    ~ProcessSource() = default;
};

// Registers the source (once at boot; tests may set and clear it). nullptr: none.
void set_process_source(ProcessSource* source);
ProcessSource* process_source();

} // namespace fs
