// The vocabulary of the file system: file types and mode bits, open flags, stat results,
// directory entries and limits.
//
// The numbers are Linux's (st_mode bits, O_* flags, whence values), so the system calls of
// a later issue can pass them through unchanged. They are spelled as named constants rather
// than S_IFDIR, O_CREAT and friends because host builds (the sim, unit tests) see the libc
// headers, which define those names as macros.
#pragma once
#include <kstd/string_view.hpp>
#include <stddef.h>
#include <stdint.h>

namespace fs {

inline constexpr size_t NAME_LENGTH_MAX = 255;          // bytes in one path component
inline constexpr size_t PATH_LENGTH_MAX = 4096;         // bytes in a whole path, with its NUL
inline constexpr unsigned SYMLINK_FOLLOW_MAX = 40; // links followed in one resolution (ELOOP)

// st_mode: the file type in the top bits, permission bits below.
using Mode = uint32_t;
namespace mode {
inline constexpr Mode TYPE_MASK = 0170000;
inline constexpr Mode REGULAR = 0100000;
inline constexpr Mode DIRECTORY = 0040000;
inline constexpr Mode SYMLINK = 0120000;
inline constexpr Mode CHAR_DEVICE = 0020000;
inline constexpr Mode FIFO = 0010000;
inline constexpr Mode PERMISSION_MASK = 07777;
} // namespace mode

enum class FileType : uint8_t { Regular, Directory, Symlink, CharDevice, Fifo };
FileType file_type_of(Mode mode);
// "regular file", "directory", ... as stat(1) says.
kstd::StringView file_type_name(FileType type);

// open() flags, with Linux's values. An open file description keeps the access mode and
// the status flags (STATUS: what fcntl F_GETFL reports); CREATE, EXCLUSIVE, TRUNCATE and
// CLOSE_ON_EXEC act at open and are not kept (the last is the descriptor's, FD_CLOEXEC).
// As on 64-bit Linux, every file opened by name is LARGE_FILE.
namespace open_flags {
inline constexpr uint32_t READ_ONLY = 0;
inline constexpr uint32_t WRITE_ONLY = 1;
inline constexpr uint32_t READ_WRITE = 2;
inline constexpr uint32_t ACCESS_MODE = 3;
inline constexpr uint32_t CREATE = 0100;
inline constexpr uint32_t EXCLUSIVE = 0200;
inline constexpr uint32_t TRUNCATE = 01000;
inline constexpr uint32_t APPEND = 02000;
inline constexpr uint32_t NON_BLOCK = 04000;
inline constexpr uint32_t DATA_SYNC = 010000;
inline constexpr uint32_t SYNC = 04010000; // with DATA_SYNC's bit, as Linux
inline constexpr uint32_t ASYNC = 020000;
inline constexpr uint32_t DIRECT = 040000;
inline constexpr uint32_t LARGE_FILE = 0100000;
inline constexpr uint32_t DIRECTORY = 0200000;
inline constexpr uint32_t NO_FOLLOW = 0400000;
inline constexpr uint32_t NO_ACCESS_TIME = 01000000;
inline constexpr uint32_t CLOSE_ON_EXEC = 02000000;
// What open() looks at; other bits are ignored, as Linux ignores unknown ones.
inline constexpr uint32_t ALL = ACCESS_MODE | CREATE | EXCLUSIVE | TRUNCATE | APPEND | NON_BLOCK | SYNC | ASYNC | DIRECT
    | LARGE_FILE | DIRECTORY | NO_FOLLOW | NO_ACCESS_TIME | CLOSE_ON_EXEC;
// What an open file description keeps besides the access mode (SYNC, DATA_SYNC, DIRECT
// and NO_ACCESS_TIME only for F_GETFL: files live in memory).
inline constexpr uint32_t STATUS = APPEND | NON_BLOCK | SYNC | ASYNC | DIRECT | LARGE_FILE | DIRECTORY | NO_FOLLOW
    | NO_ACCESS_TIME;
// What fcntl F_SETFL may change (Linux's SETFL_MASK but ASYNC, which Linux leaves as it
// was opened on files that cannot signal, as none in Keel can); only APPEND and NON_BLOCK
// do anything.
inline constexpr uint32_t CHANGEABLE = APPEND | NON_BLOCK | DIRECT | NO_ACCESS_TIME;
} // namespace open_flags

// fcntl(): the commands Keel knows, a descriptor's own flag, with Linux's values.
namespace fcntl_commands {
inline constexpr int DUPLICATE = 0;                  // F_DUPFD
inline constexpr int GET_DESCRIPTOR_FLAGS = 1;       // F_GETFD
inline constexpr int SET_DESCRIPTOR_FLAGS = 2;       // F_SETFD
inline constexpr int GET_STATUS_FLAGS = 3;           // F_GETFL
inline constexpr int SET_STATUS_FLAGS = 4;           // F_SETFL
inline constexpr int DUPLICATE_CLOSE_ON_EXEC = 1030; // F_DUPFD_CLOEXEC
} // namespace fcntl_commands
inline constexpr int DESCRIPTOR_CLOSE_ON_EXEC = 1; // FD_CLOEXEC

// Pipes: writes of at most this many bytes are atomic (PIPE_BUF).
inline constexpr size_t PIPE_ATOMIC_MAX = 4096;

// access(): what to check (R_OK, W_OK, X_OK; 0 is F_OK, existence).
namespace access_modes {
inline constexpr int EXISTS = 0;
inline constexpr int EXECUTE = 1;
inline constexpr int WRITE = 2;
inline constexpr int READ = 4;
} // namespace access_modes

enum class Whence : uint8_t { Set = 0, Current = 1, End = 2 };

// The *at calls (openat, fstatat, unlinkat, ...): the descriptor that stands for the
// current directory (AT_FDCWD), and their flags, with Linux's values.
inline constexpr int CURRENT_DIRECTORY = -100;
namespace at_flags {
inline constexpr uint32_t SYMLINK_NOFOLLOW = 0x100; // fstatat: a link itself, not its target
inline constexpr uint32_t REMOVE_DIRECTORY = 0x200; // unlinkat: rmdir rather than unlink
inline constexpr uint32_t EFFECTIVE_ACCESS = 0x200; // faccessat: the effective ids (the same bit)
inline constexpr uint32_t SYMLINK_FOLLOW = 0x400;   // linkat: link to a link's target
inline constexpr uint32_t EMPTY_PATH = 0x1000;      // fstatat: "" names the descriptor itself
} // namespace at_flags

// What stat() reports. Times are nanoseconds of hal::clock_ns() (Keel has no wall clock yet).
struct Stat {
    uint64_t device = 0;        // the file system's device number
    uint64_t inode = 0;
    Mode mode = 0;
    uint32_t uid = 0;           // the owner and group (0, root, until chown)
    uint32_t gid = 0;
    uint32_t link_count = 0;
    uint32_t device_number = 0; // for device files: major << 8 | minor
    uint64_t size = 0;
    uint64_t blocks = 0;        // 512-byte units of memory the contents hold
    uint32_t block_size = 0;
    uint64_t access_ns = 0;
    uint64_t modify_ns = 0;
    uint64_t change_ns = 0;

    // Whether both describe one file: the same inode of the same file system.
    bool same_file_as(const Stat& other) const { return device == other.device && inode == other.inode; }
};

// One entry read from a directory. The name is copied into the entry.
struct DirectoryEntry {
    uint64_t inode = 0;
    FileType type = FileType::Regular;
    char name[NAME_LENGTH_MAX + 1] = {};
    size_t name_length = 0;

    kstd::StringView name_view() const { return { name, name_length }; }
    void set(uint64_t inode_number, FileType file_type, kstd::StringView entry_name);
};

// What df reports of a mounted file system, in blocks of block_size bytes.
struct FileSystemStatistics {
    uint32_t block_size = 0;
    uint64_t total_blocks = 0;
    uint64_t free_blocks = 0;
    uint64_t files = 0; // inodes in use
    uint64_t magic = 0; // statfs's f_type (Superblock::magic; filled in by Context::statfs)
    bool read_only = false; // statfs's ST_RDONLY (filled in by Context::statfs)
};

} // namespace fs
