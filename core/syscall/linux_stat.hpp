// fs::Stat as Linux's x86_64 struct stat (asm/stat.h), the 144 bytes stat, fstat, lstat
// and newfstatat fill. Times are Keel's (since boot: there is no wall clock yet).
#pragma once
#include <fs/types.hpp>
#include <kstd/result.hpp>
#include <proc/user_copy.hpp>

namespace syscalls {

struct LinuxTime {
    int64_t seconds;
    int64_t nanoseconds;
};

struct LinuxStat {
    uint64_t device;
    uint64_t inode;
    uint64_t link_count;
    uint32_t mode;
    uint32_t uid;
    uint32_t gid;
    uint32_t padding;
    uint64_t device_number;
    int64_t size;
    int64_t block_size;
    int64_t blocks;
    LinuxTime access, modify, change;
    int64_t unused[3];
};
static_assert(sizeof(LinuxStat) == 144);

inline LinuxTime linux_time(uint64_t ns)
{
    return { int64_t(ns / 1'000'000'000), int64_t(ns % 1'000'000'000) };
}

inline kstd::Result<void> write_linux_stat(uintptr_t address, const fs::Stat& status)
{
    LinuxStat result {};
    result.device = status.device;
    result.inode = status.inode;
    result.link_count = status.link_count;
    result.mode = status.mode;
    result.uid = status.uid;
    result.gid = status.gid;
    result.device_number = status.device_number;
    result.size = int64_t(status.size);
    result.block_size = status.block_size;
    result.blocks = int64_t(status.blocks);
    result.access = linux_time(status.access_ns);
    result.modify = linux_time(status.modify_ns);
    result.change = linux_time(status.change_ns);
    return proc::write_user(address, result);
}

} // namespace syscalls
