/* memops: memory management, with output that must be the same on Linux and Keel.
 *
 * mmap/munmap/mprotect on parts of a region (splitting it), MAP_FIXED replacing pages,
 * MAP_FIXED_NOREPLACE's EEXIST, the errors of bad arguments, file-backed MAP_PRIVATE
 * mappings (contents, copy on write, the zero tail of the last page, SIGBUS past the
 * end), brk growing and shrinking, MAP_SHARED anonymous memory visible across fork and
 * MAP_PRIVATE memory copied on write in both directions, a stack that grows, and code
 * made executable by mprotect after it was written (W^X respected).
 *
 * Intentionally not compared: addresses (where mmap puts things, the break), what
 * madvise does (Linux's MADV_DONTNEED zeroes private pages, a kernel may ignore advice:
 * only its return value is checked), /proc/self/maps, and memory figures.
 */
#define _GNU_SOURCE
#include "test_support.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGE 4096UL

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static volatile char sink;
static char *target; /* what the child below touches */

static void touch_read(void *unused) { (void)unused; sink = *(volatile char *)target; }
static void touch_write(void *unused) { (void)unused; *(volatile char *)target = 1; }

/* How a child that reads (or writes) address ends: "exit 0" or "signal SIGSEGV". */
static const char *access_outcome(char *address, int write)
{
    target = address;
    return status_text(run_in_child(write ? touch_write : touch_read, NULL));
}

static void check_access(const char *name, char *address, int write, const char *want)
{
    const char *got = access_outcome(address, write);
    check(strcmp(got, want) == 0, name, "got %s, Linux gives %s", got, want);
}

static void *raw_mmap(void *address, size_t size, int prot, int flags, int fd, long offset)
{
    return (void *)syscall(SYS_mmap, address, size, prot, flags, fd, offset);
}

static char *map(size_t size, int prot)
{
    return mmap(NULL, size, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void anonymous(void)
{
    char *region = map(4 * PAGE, PROT_READ | PROT_WRITE);
    check(region != MAP_FAILED, "mmap 4 pages", "%s", errno_name(errno));
    check(region[0] == 0 && region[4 * PAGE - 1] == 0, "fresh anonymous memory is zero", "not zero");
    for (int i = 0; i < 4; i++)
        memset(region + i * PAGE, 'A' + i, PAGE);
    expect("munmap the second page", munmap(region + PAGE, PAGE), "ret 0");
    check_access("read the unmapped second page", region + PAGE, 0, "signal SIGSEGV");
    check(region[0] == 'A' && region[2 * PAGE] == 'C' && region[3 * PAGE] == 'D', "the other pages keep their bytes",
        "%c %c %c", region[0], region[2 * PAGE], region[3 * PAGE]);
    expect("mprotect the third page read-only", mprotect(region + 2 * PAGE, PAGE, PROT_READ), "ret 0");
    check_access("write the read-only page", region + 2 * PAGE, 1, "signal SIGSEGV");
    check_access("read the read-only page", region + 2 * PAGE, 0, "exit 0");
    check_access("write the fourth page (still writable)", region + 3 * PAGE, 1, "exit 0");
    expect("mprotect the first page PROT_NONE", mprotect(region, PAGE, PROT_NONE), "ret 0");
    check_access("read the PROT_NONE page", region, 0, "signal SIGSEGV");
    expect("mprotect it back to read-write", mprotect(region, PAGE, PROT_READ | PROT_WRITE), "ret 0");
    check(region[0] == 'A', "its bytes survive PROT_NONE", "%c", region[0]);
    expect("mprotect across the hole", mprotect(region, 3 * PAGE, PROT_READ), "ENOMEM");
    expect("munmap across the hole", munmap(region, 4 * PAGE), "ret 0");
    expect("munmap what is no longer mapped", munmap(region, 4 * PAGE), "ret 0");

    /* MAP_FIXED replaces pages; MAP_FIXED_NOREPLACE refuses. */
    region = map(3 * PAGE, PROT_READ | PROT_WRITE);
    memset(region, 'x', 3 * PAGE);
    char *fixed = mmap(region + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    check(fixed == region + PAGE, "MAP_FIXED maps at the address", "elsewhere");
    check(region[PAGE] == 0 && region[0] == 'x' && region[2 * PAGE] == 'x', "MAP_FIXED replaced only its page",
        "%d %d %d", region[0], region[PAGE], region[2 * PAGE]);
    errno = 0;
    char *again = mmap(region + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    check(again == MAP_FAILED && errno == EEXIST, "MAP_FIXED_NOREPLACE over a mapping: EEXIST", "%s",
        again == MAP_FAILED ? errno_name(errno) : "it mapped");
    munmap(region + PAGE, PAGE);
    again = mmap(region + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    check(again == region + PAGE, "MAP_FIXED_NOREPLACE into a hole maps there", "%s",
        again == MAP_FAILED ? errno_name(errno) : "elsewhere");
    munmap(region, 3 * PAGE);

    /* Bad arguments, through raw system calls: musl's wrappers answer some of these
     * themselves (its mprotect rounds the address down, its mmap checks the offset). */
    void *failed;
#define EXPECT_MAP_FAILS(name, call, want)                                                                          \
    errno = 0;                                                                                                      \
    failed = (call);                                                                                                \
    check(failed == MAP_FAILED && strcmp(errno_name(errno), want) == 0, name, "got %s, Linux gives %s",           \
        failed == MAP_FAILED ? errno_name(errno) : "a mapping", want)
    EXPECT_MAP_FAILS("mmap of 0 bytes", raw_mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), "EINVAL");
    EXPECT_MAP_FAILS("mmap without MAP_PRIVATE or MAP_SHARED",
        raw_mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), "EINVAL");
    EXPECT_MAP_FAILS("MAP_FIXED at an unaligned address",
        raw_mmap((void *)0x10000001, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), "EINVAL");
    EXPECT_MAP_FAILS("mmap of a bad descriptor", raw_mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 77, 0), "EBADF");
    EXPECT_MAP_FAILS("mmap at an unaligned offset", raw_mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 0, 1), "EINVAL");
    EXPECT_MAP_FAILS("MAP_FIXED in the kernel half",
        raw_mmap((void *)0xffff800000000000UL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), "ENOMEM");
    expect("munmap of an unaligned address", syscall(SYS_munmap, (void *)0x10000001, PAGE), "EINVAL");
    expect("munmap of 0 bytes", syscall(SYS_munmap, (void *)0x10000000, 0), "EINVAL");
    expect("munmap in the kernel half", syscall(SYS_munmap, (void *)0xffff800000000000UL, PAGE), "EINVAL");
    expect("mprotect of an unaligned address", syscall(SYS_mprotect, (void *)0x10000001, PAGE, PROT_READ), "EINVAL");
    expect("mprotect of an unmapped page", syscall(SYS_mprotect, (void *)0x10000000, PAGE, PROT_READ), "ENOMEM");
    region = map(PAGE, PROT_READ);
    expect("mprotect with unknown bits", mprotect(region, PAGE, 0x100), "EINVAL");
    expect("madvise MADV_DONTNEED", madvise(region, PAGE, MADV_DONTNEED), "ret 0");
    expect("madvise with unknown advice", madvise(region, PAGE, 9999), "EINVAL");
    munmap(region, PAGE);
}

static void file_backed(void)
{
    char path[] = "/tmp/memops.XXXXXX";
    int fd = mkstemp(path);
    check(fd >= 0, "make a file under /tmp", "%s", errno_name(errno));
    char contents[PAGE + 100];
    for (size_t i = 0; i < sizeof contents; i++)
        contents[i] = 'a' + i % 26;
    write(fd, contents, sizeof contents);
    char *view = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    check(view != MAP_FAILED, "MAP_PRIVATE of the file, 3 pages over 1.02 pages of file", "%s", errno_name(errno));
    check(memcmp(view, contents, sizeof contents) == 0, "the mapping shows the file", "differs");
    check(view[PAGE + 100] == 0 && view[2 * PAGE - 1] == 0, "the rest of the last page is zero", "not zero");
    check_access("read the page wholly past the end of the file", view + 2 * PAGE, 0, "signal SIGBUS");
    view[0] = 'Z';
    char first;
    pread(fd, &first, 1, 0);
    check(first == 'a', "a write to the private mapping does not reach the file", "the file has %c", first);
    pwrite(fd, "Q", 1, 1);
    check(view[1] == 'b', "a page already copied keeps its copy when the file changes", "%c", view[1]);
    munmap(view, 3 * PAGE);
    view = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
    check(view != MAP_FAILED && view[0] == contents[PAGE], "a mapping at offset 4096 starts at the file's 4096th byte",
        "%s", view == MAP_FAILED ? errno_name(errno) : "wrong byte");
    munmap(view, PAGE);
    close(fd);
    fd = open(path, O_RDONLY);
    errno = 0;
    view = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    check(view == MAP_FAILED && errno == EACCES, "MAP_SHARED writable of a read-only descriptor: EACCES", "%s",
        view == MAP_FAILED ? errno_name(errno) : "it mapped");
    view = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    check(view != MAP_FAILED, "MAP_PRIVATE writable of a read-only descriptor is fine", "%s", errno_name(errno));
    munmap(view, PAGE);
    close(fd);
    unlink(path);
}

static void program_break(void)
{
    unsigned long start = syscall(SYS_brk, 0);
    unsigned long grown = syscall(SYS_brk, start + 1024 * 1024);
    check(grown == start + 1024 * 1024, "brk grows by 1 MiB", "it answered %+ld", (long)(grown - start));
    check(*(volatile char *)(start + 512 * 1024) == 0, "the new heap reads zero", "not zero");
    memset((void *)start, 'h', 1024 * 1024);
    unsigned long shrunk = syscall(SYS_brk, start + PAGE);
    check(shrunk == start + PAGE, "brk shrinks back", "it answered %+ld", (long)(shrunk - start));
    check_access("touch the heap given back", (char *)(start + 4 * PAGE), 1, "signal SIGSEGV");
    grown = syscall(SYS_brk, start + 8 * PAGE);
    check(grown == start + 8 * PAGE && *(volatile char *)(start + 4 * PAGE) == 0,
        "grown again, the given-back pages read zero", "%d", *(volatile char *)(start + 4 * PAGE));
    unsigned long refused = syscall(SYS_brk, 0x1000);
    check(refused == start + 8 * PAGE, "brk below the start of the heap is refused (the break stays)",
        "it answered %+ld", (long)(refused - start));
    syscall(SYS_brk, start);
}

static void across_fork(void)
{
    int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *shared = 1;
    *private = 1;
    int gate[2], back[2];
    pipe(gate);
    pipe(back);
    pid_t pid = fork();
    if (pid == 0) {
        *shared = 42;
        *private = 43;
        char byte;
        write(back[1], "w", 1);
        read(gate[0], &byte, 1); /* the parent has written its own values */
        int saw = *private == 43 && *shared == 7;
        _exit(saw ? 0 : 1);
    }
    char byte;
    read(back[0], &byte, 1);
    check(*shared == 42, "MAP_SHARED: the parent sees the child's write", "%d", *shared);
    check(*private == 1, "MAP_PRIVATE: the parent does not see the child's write", "%d", *private);
    *shared = 7;
    *private = 8;
    write(gate[1], "g", 1);
    int status;
    waitpid(pid, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "the child sees the parent's shared write, not its private one", "%s", status_text(status));
    check(*private == 8 && *shared == 7, "the parent keeps its values after the child exits", "%d %d", *private,
        *shared);
    munmap(shared, PAGE);
    munmap(private, PAGE);
    close(gate[0]);
    close(gate[1]);
    close(back[0]);
    close(back[1]);

    /* A big private region after fork: every page copied on write, none shared. */
    const size_t size = 256 * PAGE;
    unsigned char *big = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (size_t i = 0; i < size; i += PAGE)
        big[i] = (unsigned char)(i / PAGE);
    pid = fork();
    if (pid == 0) {
        for (size_t i = 0; i < size; i += PAGE)
            big[i] ^= 0xff;
        for (size_t i = 0; i < size; i += PAGE)
            if (big[i] != (unsigned char)~(i / PAGE))
                _exit(1);
        _exit(0);
    }
    waitpid(pid, &status, 0);
    int intact = 1;
    for (size_t i = 0; i < size; i += PAGE)
        intact &= big[i] == (unsigned char)(i / PAGE);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && intact,
        "256 pages written by the child after fork: its copies change, the parent's do not", "%s, intact %d",
        status_text(status), intact);
    munmap(big, size);
}

/* Recursion that uses about depth KiB of stack. */
static int deep(int depth)
{
    volatile char frame[1024];
    frame[0] = (char)depth;
    if (depth == 0)
        return frame[0];
    return deep(depth - 1) + frame[0] - (char)depth;
}

static void stack_and_code(void)
{
    check(deep(1024) == 0, "the stack grows to 1 MiB", "wrong answer");
    /* mov $42, %eax; ret — written while writable, run once read+exec. */
    static const unsigned char code[] = {0xb8, 42, 0, 0, 0, 0xc3};
    unsigned char *page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(page, code, sizeof code);
    expect("mprotect the code PROT_READ|PROT_EXEC", mprotect(page, PAGE, PROT_READ | PROT_EXEC), "ret 0");
    int answer = ((int (*)(void))(uintptr_t)page)();
    check(answer == 42, "the code runs and answers 42", "%d", answer);
    check_access("write the executable page", (char *)page, 1, "signal SIGSEGV");
    munmap(page, PAGE);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    anonymous();
    file_backed();
    program_break();
    across_fork();
    stack_and_code();
    return test_done();
}
