/* fileops: file system calls, with output that must be the same on Linux and Keel.
 *
 * In a fresh directory under /tmp it creates, writes, reads, seeks, truncates, stats,
 * renames, links, symlinks, lists (getdents64, sorted), unlinks and removes, and checks
 * each answer (a value or an errno name) against Linux's. The output is a TAP-like list
 * of checks; run on Linux and on Keel it must be the same, line for line.
 *
 * Intentionally not compared (they differ between any two systems): inode and device
 * numbers (only "same inode or not"), times, st_blocks and st_blksize, descriptor
 * numbers beyond "the lowest free one", the name of the directory under /tmp, the
 * umask inherited, and the order getdents64 returns names in (they are sorted first).
 */
#define _GNU_SOURCE
#include "test_support.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif

static char work_dir[] = "/tmp/fileops.XXXXXX";

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static const char *file_type(mode_t mode)
{
    return S_ISREG(mode) ? "regular" : S_ISDIR(mode) ? "directory" : S_ISLNK(mode) ? "symlink" : "other";
}

/* The names in a directory with their d_type, sorted, as "name/type name/type ...". */
static const char *listing(const char *path)
{
    static char text[512];
    char names[32][264];
    int count = 0;
    char buffer[1024];
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return errno_name(errno);
    long n;
    while ((n = syscall(SYS_getdents64, fd, buffer, sizeof buffer)) > 0) {
        for (long at = 0; at < n;) {
            struct dirent64 *entry = (struct dirent64 *)(buffer + at);
            const char *type = entry->d_type == DT_DIR ? "d" : entry->d_type == DT_REG ? "f"
                : entry->d_type == DT_LNK ? "l" : "?";
            if (count < 32)
                snprintf(names[count++], sizeof names[0], "%s/%s", entry->d_name, type);
            at += entry->d_reclen;
        }
    }
    close(fd);
    /* Sort: insertion sort is plenty for a handful of names. */
    for (int i = 1; i < count; i++)
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char swap[264];
            strcpy(swap, names[j]);
            strcpy(names[j], names[j - 1]);
            strcpy(names[j - 1], swap);
        }
    text[0] = 0;
    for (int i = 0; i < count; i++) {
        strcat(text, i ? " " : "");
        strcat(text, names[i]);
    }
    return text;
}

static void check_text(const char *name, const char *got, const char *want)
{
    check(strcmp(got, want) == 0, name, "got \"%s\", Linux gives \"%s\"", got, want);
}

static void reading_and_writing(void)
{
    int fd = open("a", O_CREAT | O_EXCL | O_RDWR, 0644);
    check(fd >= 0, "open a, O_CREAT|O_EXCL", "%s", errno_name(errno));
    expect("open a again, O_CREAT|O_EXCL", open("a", O_CREAT | O_EXCL | O_RDWR, 0644), "EEXIST");
    expect("write 10 bytes", write(fd, "0123456789", 10), "ret 10");
    expect("lseek SEEK_CUR 0", lseek(fd, 0, SEEK_CUR), "ret 10");
    expect("lseek SEEK_SET 2", lseek(fd, 2, SEEK_SET), "ret 2");
    char buffer[64] = {0};
    expect("read 4", read(fd, buffer, 4), "ret 4");
    check_text("read 4 gives 2345", buffer, "2345");
    memset(buffer, 0, sizeof buffer);
    expect("pread 10 at 8", pread(fd, buffer, 10, 8), "ret 2");
    check_text("pread gives 89", buffer, "89");
    expect("lseek after pread unchanged", lseek(fd, 0, SEEK_CUR), "ret 6");
    expect("pwrite 2 at 20", pwrite(fd, "xy", 2, 20), "ret 2");
    check(file_size("a") == 22, "size 22 after the pwrite", "size %ld", file_size("a"));
    memset(buffer, 'z', sizeof buffer);
    expect("pread the hole", pread(fd, buffer, 10, 10), "ret 10");
    check(memcmp(buffer, "\0\0\0\0\0\0\0\0\0\0", 10) == 0, "the hole reads as zeros", "%02x", buffer[0]);
    expect("lseek SEEK_END -1", lseek(fd, -1, SEEK_END), "ret 21");
    expect("lseek to -100", lseek(fd, -100, SEEK_SET), "EINVAL");
    expect("lseek whence 7", lseek(fd, 0, 7), "EINVAL");
    expect("read at the end", (lseek(fd, 0, SEEK_END), read(fd, buffer, 10)), "ret 0");
    expect("ftruncate to 5", ftruncate(fd, 5), "ret 0");
    check(file_size("a") == 5, "size 5 after ftruncate", "size %ld", file_size("a"));
    expect("truncate to 3", truncate("a", 3), "ret 0");
    check(file_size("a") == 3, "size 3 after truncate", "size %ld", file_size("a"));
    expect("truncate to -1", truncate("a", -1), "EINVAL");
    expect("close", close(fd), "ret 0");
    expect("close again", close(fd), "EBADF");

    fd = open("a", O_RDONLY);
    expect("write on O_RDONLY", write(fd, "x", 1), "EBADF");
    expect("fcntl F_GETFL & O_ACCMODE is O_RDONLY", fcntl(fd, F_GETFL) & O_ACCMODE, "ret 0");
    close(fd);
    fd = open("a", O_WRONLY | O_APPEND);
    expect("read on O_WRONLY", read(fd, buffer, 1), "EBADF");
    expect("write with O_APPEND", write(fd, "abc", 3), "ret 3");
    expect("O_APPEND wrote at the end", lseek(fd, 0, SEEK_CUR), "ret 6");
    int copy = dup(fd);
    expect("dup shares the offset", lseek(copy, 0, SEEK_CUR), "ret 6");
    lseek(fd, 1, SEEK_SET);
    expect("dup shares the offset after lseek", lseek(copy, 0, SEEK_CUR), "ret 1");
    close(copy);
    close(fd);
    fd = open("a", O_RDWR | O_TRUNC);
    check(file_size("a") == 0, "O_TRUNC empties", "size %ld", file_size("a"));
    write(fd, "012", 3);
    close(fd);
    expect("read a directory", (fd = open(".", O_RDONLY), read(fd, buffer, 1)), "EISDIR");
    close(fd);
}

static void names(void)
{
    struct stat st, other;
    expect("open missing", open("missing", O_RDONLY), "ENOENT");
    expect("open a/x (a is a file)", open("a/x", O_RDONLY), "ENOTDIR");
    expect("open missing/x", open("missing/x", O_RDONLY | O_CREAT, 0644), "ENOENT");
    expect("mkdir d", mkdir("d", 0755), "ret 0");
    expect("mkdir d again", mkdir("d", 0755), "EEXIST");
    expect("open d O_WRONLY", open("d", O_WRONLY), "EISDIR");
    expect("stat d", stat("d", &st), "ret 0");
    check_text("d is a directory", file_type(st.st_mode), "directory");
    check(st.st_nlink == 2, "d has 2 links", "%ld", (long)st.st_nlink);
    expect("rmdir a (a file)", rmdir("a"), "ENOTDIR");
    expect("unlink d (a directory)", unlink("d"), "EISDIR");
    expect("rmdir .", rmdir("."), "EINVAL");
    expect("rmdir missing", rmdir("missing"), "ENOENT");

    expect("rename a b", rename("a", "b"), "ret 0");
    expect("stat a after rename", stat("a", &st), "ENOENT");
    check(file_size("b") == 3, "b has a's 3 bytes", "size %ld", file_size("b"));
    expect("link b c", link("b", "c"), "ret 0");
    expect("stat b", stat("b", &st), "ret 0");
    check(st.st_nlink == 2, "b has 2 links", "%ld", (long)st.st_nlink);
    stat("c", &other);
    check(st.st_ino == other.st_ino && st.st_dev == other.st_dev, "b and c are the same inode", "they differ");
    expect("link c b (exists)", link("c", "b"), "EEXIST");
    expect("link d e (a directory)", link("d", "e"), "EPERM");
    expect("link missing f", link("missing", "f"), "ENOENT");
    expect("rename c b (the same inode)", rename("c", "b"), "ret 0");
    check(access("b", F_OK) == 0 && access("c", F_OK) == 0, "both names remain after renaming a link onto its twin",
        "one went away");
    expect("unlink c", unlink("c"), "ret 0");
    stat("b", &st);
    check(st.st_nlink == 1, "b has 1 link again", "%ld", (long)st.st_nlink);

    expect("symlink b s", symlink("b", "s"), "ret 0");
    char target[64] = {0};
    expect("readlink s", readlink("s", target, sizeof target), "ret 1");
    check_text("s points to b", target, "b");
    /* Raw: musl's readlink() answers 0 for a 0-byte buffer without asking the kernel. */
    expect("readlink s into 0 bytes", syscall(SYS_readlink, "s", target, 0), "EINVAL");
    expect("readlink b (not a link)", readlink("b", target, sizeof target), "EINVAL");
    expect("lstat s", lstat("s", &st), "ret 0");
    check_text("lstat s is a symlink", file_type(st.st_mode), "symlink");
    check(st.st_size == 1, "lstat s has size 1", "%ld", (long)st.st_size);
    expect("stat s", stat("s", &st), "ret 0");
    check_text("stat s follows to a regular file", file_type(st.st_mode), "regular");
    expect("fstatat s AT_SYMLINK_NOFOLLOW", fstatat(AT_FDCWD, "s", &st, AT_SYMLINK_NOFOLLOW), "ret 0");
    check_text("fstatat s is a symlink", file_type(st.st_mode), "symlink");
    int fd = open("b", O_RDONLY);
    expect("fstatat fd \"\" AT_EMPTY_PATH", fstatat(fd, "", &st, AT_EMPTY_PATH), "ret 0");
    check(st.st_size == 3, "AT_EMPTY_PATH gives b's size", "%ld", (long)st.st_size);
    expect("fstatat fd \"\" without AT_EMPTY_PATH", fstatat(fd, "", &st, 0), "ENOENT");
    close(fd);
    expect("symlink to a missing target", symlink("nowhere", "dangling"), "ret 0");
    expect("stat the dangling link", stat("dangling", &st), "ENOENT");
    expect("lstat the dangling link", lstat("dangling", &st), "ret 0");
    symlink("loop1", "loop2");
    symlink("loop2", "loop1");
    expect("open a symlink loop", open("loop1", O_RDONLY), "ELOOP");
    expect("symlink onto an existing name", symlink("b", "s"), "EEXIST");
    expect("access b R_OK", access("b", R_OK), "ret 0");
    expect("access missing", access("missing", F_OK), "ENOENT");
    expect("faccessat b", faccessat(AT_FDCWD, "b", F_OK, 0), "ret 0");
    char long_name[300];
    memset(long_name, 'n', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    expect("open a 299-byte name", open(long_name, O_RDONLY | O_CREAT, 0644), "ENAMETOOLONG");
    expect("renameat2 RENAME_NOREPLACE onto b", syscall(SYS_renameat2, AT_FDCWD, "s", AT_FDCWD, "b", RENAME_NOREPLACE),
        "EEXIST");
}

static void directories(void)
{
    char cwd[512], here[512];
    expect("getcwd into 1 byte", syscall(SYS_getcwd, cwd, 1), "ERANGE");
    getcwd(here, sizeof here);
    check(strcmp(here, work_dir) == 0, "getcwd is the work directory", "%s", here);
    expect("chdir d", chdir("d"), "ret 0");
    getcwd(cwd, sizeof cwd);
    check(strlen(cwd) == strlen(here) + 2 && strcmp(cwd + strlen(here), "/d") == 0, "getcwd ends in /d", "%s", cwd);
    int fd = open("../b", O_RDONLY);
    check(fd >= 0, "open ../b from d", "%s", errno_name(errno));
    close(fd);
    expect("chdir ..", chdir(".."), "ret 0");
    expect("chdir b (a file)", chdir("b"), "ENOTDIR");
    int dir = open("d", O_RDONLY | O_DIRECTORY);
    expect("fchdir d", fchdir(dir), "ret 0");
    expect("fchdir back", chdir(work_dir), "ret 0");
    expect("mkdirat dir sub", mkdirat(dir, "sub", 0755), "ret 0");
    fd = openat(dir, "f1", O_CREAT | O_WRONLY, 0644);
    check(fd >= 0, "openat dir f1 O_CREAT", "%s", errno_name(errno));
    close(fd);
    close(open("d/f2", O_CREAT | O_WRONLY, 0644));
    symlink("f1", "d/l1");
    check_text("getdents64 of d, sorted", listing("d"), "../d ./d f1/f f2/f l1/l sub/d");
    struct stat st;
    stat("d", &st);
    check(st.st_nlink == 3, "d has 3 links with a subdirectory", "%ld", (long)st.st_nlink);
    expect("rmdir d (not empty)", rmdir("d"), "ENOTEMPTY");
    expect("rename d into its own subdirectory", rename("d", "d/sub/x"), "EINVAL");
    mkdir("e", 0755);
    close(open("e/g", O_CREAT | O_WRONLY, 0644));
    expect("rename d onto a non-empty directory", rename("d", "e"), "ENOTEMPTY");
    expect("rename a file onto a directory", rename("b", "e"), "EISDIR");
    expect("rename a directory onto a file", rename("e", "b"), "ENOTDIR");
    expect("unlinkat e/g", unlinkat(AT_FDCWD, "e/g", 0), "ret 0");
    expect("unlinkat e without AT_REMOVEDIR", unlinkat(AT_FDCWD, "e", 0), "EISDIR");
    expect("unlinkat e AT_REMOVEDIR", unlinkat(AT_FDCWD, "e", AT_REMOVEDIR), "ret 0");
    expect("rename d onto an empty directory", (mkdir("e", 0755), rename("d", "e")), "ret 0");
    check_text("e now has d's entries", listing("e"), "../d ./d f1/f f2/f l1/l sub/d");
    expect("unlinkat dir f1 (dir fd follows the rename)", unlinkat(dir, "f1", 0), "ret 0");
    close(dir);
    unlink("e/f2");
    unlink("e/l1");
    rmdir("e/sub");
    expect("rmdir e, now empty", rmdir("e"), "ret 0");
    unlink("b");
    unlink("s");
    unlink("dangling");
    unlink("loop1");
    unlink("loop2");
    check_text("the work directory is empty again", listing("."), "../d ./d");
}

int main(void)
{
    umask(022);
    if (!mkdtemp(work_dir) || chdir(work_dir) != 0) {
        printf("Bail out! cannot make a directory under /tmp: %s\n", errno_name(errno));
        return 2;
    }
    reading_and_writing();
    names();
    directories();
    chdir("/");
    expect("rmdir the work directory", rmdir(work_dir), "ret 0");
    return test_done();
}
